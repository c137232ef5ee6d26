export interface OutputTail {
  push(chunk: Buffer | string): void;
  text(): string;
}

/** Keeps the last `maxChars` characters of a child process's output, for error messages. */
export function createOutputTail(maxChars = 4096): OutputTail {
  let buffer = '';
  return {
    push(chunk) {
      buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (buffer.length > maxChars * 2) buffer = buffer.slice(-maxChars);
    },
    text() {
      return buffer.slice(-maxChars);
    },
  };
}
