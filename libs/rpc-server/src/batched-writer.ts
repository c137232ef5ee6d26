/** Collects lines and writes them as one chunk, soon after the first one. */
export interface BatchedWriter {
  write(line: string): void;
  /** Writes what is pending now (also done on process exit for stdout). */
  flush(): void;
}

export interface BatchedWriterOptions {
  /** Receives the pending lines, newline-terminated, as one string. */
  sink: (chunk: string) => void;
  /** Runs the flush later; defaults to an unref'd timer of FLUSH_DELAY_MS. */
  schedule?: (flush: () => void) => void;
  /** Pending bytes (UTF-16 units) that trigger a flush at once, bounding memory under a burst. */
  maxPendingChars?: number;
}

/**
 * Writing each log line to a pipe is one synchronous syscall per line (stdout pipes are blocking on Linux), and
 * wakes the reader each time: at thousands of calls a second that was the single largest cost of a cheap RPC.
 * Lines are joined and written at most every FLUSH_DELAY_MS instead (or once 1 MiB is pending); order is kept.
 */
/** How long a log line may wait for others (a process killed with SIGKILL loses at most this much). */
export const FLUSH_DELAY_MS = 20;

export function createBatchedWriter(options: BatchedWriterOptions): BatchedWriter {
  const schedule = options.schedule ?? ((fn: () => void) => void setTimeout(fn, FLUSH_DELAY_MS).unref());
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
