export interface ProgressBar {
  update(done: number): void;
  finish(): void;
}

/** A one-line progress bar on stderr; silent when stderr is not a terminal. */
export function createProgressBar(total: number, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const width = 30;
  const started = Date.now();
  const draw = (done: number) => {
    if (!stream.isTTY) return;
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.round(rate)}/s `,
    );
  };
  return {
    update: draw,
    finish() {
      draw(total);
      if (stream.isTTY) stream.write('\n');
    },
  };
}
