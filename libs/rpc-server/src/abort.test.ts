import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { CallAbort, raceAbort } from './abort.js';

const timedOut = new ConnectError('the operation timed out', Code.DeadlineExceeded);

describe('CallAbort', () => {
  it.each([
    ['read before the abort', true],
    ['read after the abort', false],
  ])('gives a signal aborted with the call reason (%s)', (_, readFirst) => {
    const call = new CallAbort();
    const early = readFirst ? call.signal : undefined;
    call.abort(timedOut);
    call.abort(new Error('later'));
    expect([call.signal.aborted, call.signal.reason, early?.reason ?? timedOut]).toEqual([
      true,
      timedOut,
      timedOut,
    ]);
  });

  it('tells listeners once, and not the removed ones', () => {
    const call = new CallAbort();
    const told: string[] = [];
    call.onAbort(() => told.push('kept'));
    call.onAbort(() => told.push('removed'))();
    call.abort(timedOut);
    call.abort(timedOut);
    expect(told).toEqual(['kept']);
  });
});

describe('raceAbort', () => {
  it('rejects with the abort reason when the call aborts first', async () => {
    const call = new CallAbort();
    const raced = raceAbort(new Promise(() => undefined), call);
    call.abort(timedOut);
    await expect(raced).rejects.toBe(timedOut);
  });

  it('settles like the promise otherwise, leaving no listener behind', async () => {
    const call = new CallAbort();
    await expect(raceAbort(Promise.resolve(7), call)).resolves.toBe(7);
    await expect(raceAbort(Promise.reject(timedOut), call)).rejects.toBe(timedOut);
    expect((call as unknown as { listeners: unknown[] }).listeners).toEqual([]);
  });

  it('rejects at once with Canceled for a call aborted without a ConnectError', async () => {
    const call = new CallAbort();
    call.abort(new Error('gone'));
    await expect(raceAbort(Promise.resolve(1), call)).rejects.toMatchObject({ code: Code.Canceled });
  });
});
