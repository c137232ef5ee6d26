import { describe, expect, it } from 'vitest';
import { createBatchedWriter } from './batched-writer.js';

function setup(maxPendingChars?: number) {
  const chunks: string[] = [];
  const scheduled: (() => void)[] = [];
  const writer = createBatchedWriter({
    sink: (chunk) => chunks.push(chunk),
    schedule: (fn) => scheduled.push(fn),
    maxPendingChars,
  });
  return { writer, chunks, scheduled };
}

describe('createBatchedWriter', () => {
  it('writes the lines of one turn as one chunk, in order, when the scheduled flush runs', () => {
    const { writer, chunks, scheduled } = setup();
    writer.write('a');
    writer.write('b');
    expect(chunks).toEqual([]);
    expect(scheduled).toHaveLength(1);
    scheduled[0]!();
    expect(chunks).toEqual(['a\nb\n']);
  });

  it('schedules again after a flush, and an explicit flush writes at once', () => {
    const { writer, chunks, scheduled } = setup();
    writer.write('a');
    scheduled[0]!();
    writer.write('b');
    writer.flush();
    expect(chunks).toEqual(['a\n', 'b\n']);
    expect(scheduled).toHaveLength(2);
    scheduled[1]!();
    expect(chunks).toEqual(['a\n', 'b\n']);
  });

  it('flushes at once when the pending text reaches the bound', () => {
    const { writer, chunks } = setup(4);
    writer.write('a');
    writer.write('bc');
    expect(chunks).toEqual(['a\nbc\n']);
  });
});
