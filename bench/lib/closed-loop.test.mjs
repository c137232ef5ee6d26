import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { runClosedLoop } from './closed-loop.mjs';

describe('runClosedLoop', () => {
  it('counts calls and items completed in the measured window', async () => {
    const result = await runClosedLoop({
      concurrency: 4,
      warmupMs: 50,
      durationMs: 300,
      call: async () => {
        await sleep(10);
        return 7;
      },
    });
    // 4 workers × 300 ms / ~10 ms per call, with slack for timer coarseness and a busy machine.
    assert.ok(result.calls >= 20 && result.calls <= 130, `calls ${result.calls}`);
    assert.equal(result.items, result.calls * 7);
    assert.equal(result.errors, 0);
    assert.ok(result.p50Ms >= 9, `p50 ${result.p50Ms}`);
    assert.ok(result.p99Ms >= result.p50Ms);
    assert.equal(result.durationS, 0.3);
  });

  it('stretches the window until minCalls calls completed', async () => {
    const result = await runClosedLoop({
      concurrency: 1,
      warmupMs: 0,
      durationMs: 20,
      minCalls: 3,
      call: async () => {
        await sleep(60);
        return 1;
      },
    });
    assert.equal(result.calls, 3);
    assert.ok(result.durationS >= 0.17, `window ${result.durationS} s`);
  });

  it('tells when the measured window opens and closes, once each', async () => {
    const events = [];
    const started = performance.now();
    const result = await runClosedLoop({
      concurrency: 2,
      warmupMs: 60,
      durationMs: 120,
      call: async () => {
        await sleep(5);
        return 1;
      },
      onWindowStart: () => events.push(['start', performance.now() - started]),
      onWindowEnd: () => events.push(['end', performance.now() - started]),
    });
    assert.deepEqual(
      events.map(([name]) => name),
      ['start', 'end'],
    );
    assert.ok(events[0][1] >= 55, `opened at ${events[0][1]} ms`);
    assert.ok(events[1][1] >= 175, `closed at ${events[1][1]} ms`);
    assert.ok(result.calls > 0);
  });

  it('counts failed calls and keeps samples of their errors', async () => {
    const result = await runClosedLoop({
      concurrency: 2,
      warmupMs: 0,
      durationMs: 50,
      call: async (n) => {
        await sleep(5);
        if (n % 2 === 0) throw new Error(`call ${n} failed`);
        return 1;
      },
    });
    assert.ok(result.errors > 0);
    assert.match(result.errorSamples[0], /^call \d+ failed$/);
    assert.ok(result.errorSamples.length <= 5);
  });
});
