import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { createMemoryHarness } from '../../test/support/indexer-harness.js';

const groups = [{ useCase: 'spans' as const, orgId: 1n, strings: ['late'] }];

describe('a call whose deadline passed', () => {
  it('does no database work: nothing is created', async () => {
    const h = createMemoryHarness();
    const controller = new AbortController();
    controller.abort(new ConnectError('the operation timed out', Code.DeadlineExceeded));
    const late = h.core.signals.run(controller, () => h.core.indexer.bulkRecord(groups));
    await expect(late).rejects.toMatchObject({ code: Code.DeadlineExceeded });
    const [[found]] = (await h.core.indexer.bulkResolve(groups)) as [[unknown]];
    expect(found).toBeUndefined();
  });

  it('a live call still records', async () => {
    const h = createMemoryHarness();
    const live = await h.core.signals.run(new AbortController(), () => h.core.indexer.bulkRecord(groups));
    expect(live[0]![0]!.id).toBeTypeOf('bigint');
  });
});
