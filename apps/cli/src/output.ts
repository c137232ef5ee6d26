import { toJson, type DescMessage, type MessageShape } from '@bufbuild/protobuf';

export interface Output {
  /** Prints a message: its canonical JSON with --json, otherwise the text lines. */
  message<Desc extends DescMessage>(schema: Desc, value: MessageShape<Desc>, text: () => string[]): void;
  /** Prints progress and notes to stderr, so stdout stays parseable. */
  note(line: string): void;
}

export function createOutput(json: boolean, write = (s: string) => process.stdout.write(s)): Output {
  return {
    message(schema, value, text) {
      const lines = json ? [JSON.stringify(toJson(schema, value, { alwaysEmitImplicit: true }))] : text();
      write(lines.join('\n') + '\n');
    },
    note(line) {
      process.stderr.write(line + '\n');
    },
  };
}
