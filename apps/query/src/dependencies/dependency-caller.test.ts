import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { createDependencyCaller } from './dependency-caller.js';
import { DependencyError } from './dependency-error.js';

const caller = createDependencyCaller('indexer service', { timeoutMs: 1234, retries: 1, retryDelayMs: 1 });

describe('createDependencyCaller', () => {
  it('passes the deadline to every call and returns its answer', async () => {
    const seen: number[] = [];
    const answer = await caller(async ({ timeoutMs }: { timeoutMs: number }) => {
      seen.push(timeoutMs);
      return 'ok';
    });
    expect([answer, seen]).toEqual(['ok', [1234]]);
  });

  it('retries once after UNAVAILABLE', async () => {
    let calls = 0;
    const answer = await caller(async () => {
      calls++;
      if (calls === 1) throw new ConnectError('down', Code.Unavailable);
      return calls;
    });
    expect(answer).toBe(2);
  });

  it.each([
    [Code.Unavailable, 'unavailable', 2],
    [Code.DeadlineExceeded, 'unavailable', 1],
    [Code.Internal, 'unavailable', 1],
    [Code.ResourceExhausted, 'unavailable', 1],
    [Code.InvalidArgument, 'invalid_argument', 1],
    [Code.OutOfRange, 'invalid_argument', 1],
    [Code.NotFound, 'failed', 1],
    [Code.PermissionDenied, 'failed', 1],
  ])('turns code %s into a DependencyError "%s" after %i attempt(s)', async (code, reason, attempts) => {
    let calls = 0;
    const error = await caller(async () => {
      calls++;
      throw new ConnectError('nope', code);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyError);
    expect(error).toMatchObject({ dependency: 'indexer service', reason });
    expect(calls).toBe(attempts);
  });

  it('names the dependency in the message', async () => {
    const error = await caller(async () => {
      throw new ConnectError('x', Code.DeadlineExceeded);
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('indexer service unavailable');
  });

  it('lets errors that are not RPC failures through unchanged', async () => {
    const bug = new TypeError('bug');
    await expect(
      caller(async () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
