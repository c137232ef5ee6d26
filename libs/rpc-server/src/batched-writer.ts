/** Collects lines and writes them as one chunk per event-loop turn. */
export interface BatchedWriter {
  write(line: string): void;
  /** Writes what is pending now (also done on process exit for stdout). */
  flush(): void;
}

export interface BatchedWriterOptions {
  /** Receives the pending lines, newline-terminated, as one string. */
  sink: (chunk: string) => void;
  /** Runs the flush later; defaults to setImmediate (after the turn's I/O callbacks). */
  schedule?: (flush: () => void) => void;
  /** Pending bytes (UTF-16 units) that trigger a flush at once, bounding memory under a burst. */
  maxPendingChars?: number;
}

/**
 * Writing each log line to a pipe is one synchronous syscall per line (stdout pipes are blocking on Linux): at
 * thousands of calls a second that was the single largest cost of a cheap RPC. Lines are joined and written once
 * per turn instead; order is kept.
 */
export function createBatchedWriter(options: BatchedWriterOptions): BatchedWriter {
  const schedule = options.schedule ?? ((fn: () => void) => void setImmediate(fn));
  const maxPendingChars = options.maxPendingChars ?? 1 << 20;
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    options.sink(chunk);
  };
  return {
    write(line) {
      pending += `${line}\n`;
      if (pending.length >= maxPendingChars) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}

let stdoutWriter: BatchedWriter | undefined;

/** The process's one batched stdout writer, created on first use; flushed on exit so no line is lost. */
export function batchedStdout(): BatchedWriter {
  if (stdoutWriter === undefined) {
    const writer = createBatchedWriter({ sink: (chunk) => void process.stdout.write(chunk) });
    process.once('exit', writer.flush);
    stdoutWriter = writer;
  }
  return stdoutWriter;
}
