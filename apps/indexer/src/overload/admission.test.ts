import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { createAdmission } from './admission.js';
import { createCallSignals } from './call-signals.js';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (error) {
    return [Code[ConnectError.from(error).code], ConnectError.from(error).rawMessage].join(': ');
  }
};

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('createAdmission', () => {
  it('runs up to maxConcurrent, queues up to maxQueued, and refuses the rest with RESOURCE_EXHAUSTED', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 1 });
    const g = gate();
    const first = admission.run(undefined, () => g.opened.then(() => 1));
    const second = admission.run(undefined, async () => 2);
    const third = admission.run(undefined, async () => 3);
    expect([admission.running, admission.queued]).toEqual([1, 1]);
    expect(await codeOf(third)).toBe('ResourceExhausted: indexer overloaded');
    g.open();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect([admission.running, admission.queued]).toEqual([0, 0]);
  });

  it('gives up waiting when the call ends, leaving the queue', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 5 });
    const g = gate();
    const first = admission.run(undefined, () => g.opened);
    const controller = new AbortController();
    let ran = false;
    const waiting = admission.run(controller.signal, async () => void (ran = true));
    controller.abort(new ConnectError('the operation timed out', Code.DeadlineExceeded));
    expect(await codeOf(waiting)).toBe('DeadlineExceeded: the operation timed out');
    expect(admission.queued).toBe(0);
    g.open();
    await first;
    expect(ran).toBe(false);
  });
});

describe('createCallSignals', () => {
  it('checkpoint throws only inside a call whose signal ended', async () => {
    const signals = createCallSignals();
    const controller = new AbortController();
    expect(() => signals.checkpoint()).not.toThrow();
    const result = signals.run(controller, async () => {
      signals.checkpoint();
      controller.abort(new ConnectError('the operation timed out', Code.DeadlineExceeded));
      await Promise.resolve();
      signals.checkpoint();
    });
    expect(await codeOf(result)).toBe('DeadlineExceeded: the operation timed out');
  });
});
