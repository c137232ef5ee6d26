import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { latencySummary } from './stats.mjs';

const MAX_ERROR_SAMPLES = 5;
/** A target that fails every call would otherwise spin: stop a run after this many errors. */
const MAX_ERRORS = 1000;
/** However slow the calls, a run that has to wait for `minCalls` ends this long after its measured window. */
const MIN_EXTENSION_CAP_MS = 60_000;

/**
 * Runs a closed loop of `concurrency` workers, each issuing `call(n, worker)` as soon as its previous call
 * ends, for `warmupMs` unmeasured and then `durationMs` measured. Calls are counted by completion time inside the
 * measured window (unbiased for throughput in steady state); their latencies give p50/p99. When fewer than
 * `minCalls` calls complete in the window (very slow calls), the window stretches until that many have, so a
 * short run still measures something. `call` resolves with the number of items the call carried. `onWindowStart`
 * and `onWindowEnd` are called when the measured window opens and when it closes (e.g. to read CPU counters).
 */
export async function runClosedLoop({
  concurrency,
  warmupMs,
  durationMs,
  minCalls = 1,
  call,
  onWindowStart = () => {},
  onWindowEnd = () => {},
}) {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const windowEnd = measureFrom + durationMs;
  const hardStop = windowEnd + Math.max(MIN_EXTENSION_CAP_MS, durationMs * 10);
  const latencies = [];
  const errorSamples = [];
  let calls = 0;
  let items = 0;
  let errors = 0;
  let issued = 0;
  let closedAt;
  const close = (at) => {
    closedAt = at;
    onWindowEnd();
  };
  const opening = setTimeout(onWindowStart, warmupMs);

  const complete = (begun, ended, carried) => {
    if (ended < measureFrom || closedAt !== undefined) return;
    if (ended > windowEnd) {
      if (calls >= minCalls) {
        close(windowEnd);
        return;
      }
      if (calls + 1 >= minCalls) close(ended);
    }
    calls++;
    items += carried;
    latencies.push(ended - begun);
  };

  const worker = async (w) => {
    while (closedAt === undefined && performance.now() < hardStop && errors < MAX_ERRORS) {
      const n = issued++;
      const begun = performance.now();
      try {
        const carried = await call(n, w);
        complete(begun, performance.now(), carried);
      } catch (error) {
        // Every failure counts, warm-up included: a benchmark of failing calls measures nothing.
        errors++;
        if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(String(error?.message ?? error));
        // Do not turn a dead target into a busy loop.
        await sleep(1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  clearTimeout(opening);
  if (closedAt === undefined) onWindowEnd();
  const measuredMs = Math.max(1, (closedAt ?? Math.min(performance.now(), hardStop)) - measureFrom);
  const seconds = measuredMs / 1000;
  return {
    calls,
    items,
    errors,
    errorSamples,
    durationS: seconds,
    callsPerSec: calls / seconds,
    itemsPerSec: items / seconds,
    ...latencySummary(latencies),
  };
}
