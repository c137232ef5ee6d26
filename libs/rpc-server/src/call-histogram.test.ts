import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CallHistogram } from './call-histogram.js';

const BOUNDS = [0.001, 0.01, 0.1, 1];
const A = { grpc_type: 'unary', grpc_service: 'a.v1.A', grpc_method: 'Get' };
const B = { grpc_type: 'server_stream', grpc_service: 'b.v1.B', grpc_method: 'Watch' };

/** The same observations in prom-client's Histogram and in a CallHistogram, each in a registry of its own. */
function both(observations: [typeof A, number][]) {
  const ours = new Registry();
  const theirs = new Registry();
  const histogram = new CallHistogram('h_seconds', 'Help text.', BOUNDS, ours);
  const reference = new Histogram({
    name: 'h_seconds',
    help: 'Help text.',
    labelNames: ['grpc_type', 'grpc_service', 'grpc_method'],
    buckets: BOUNDS,
    registers: [theirs],
  });
  const a = histogram.series(A);
  const b = histogram.series(B);
  for (const [labels, value] of observations) {
    histogram.observe(labels === A ? a : b, value);
    reference.observe(labels, value);
  }
  return { ours, theirs, histogram, reference };
}

const OBSERVATIONS: [typeof A, number][] = [
  [A, 0.0004],
  [A, 0.001],
  [B, 0.05],
  [A, 0.5],
  [A, 7],
  [B, 0.0101],
];

describe('CallHistogram', () => {
  it('prints exactly what prom-client prints for the same observations', async () => {
    const { ours, theirs } = both(OBSERVATIONS);
    const text = await ours.metrics();
    expect(text).toContain(
      'h_seconds_bucket{le="0.001",grpc_type="unary",grpc_service="a.v1.A",grpc_method="Get"} 2',
    );
    expect(text).toBe(await theirs.metrics());
  });

  it('reads exactly as prom-client reads through get() and the registry', async () => {
    const { ours, theirs } = both(OBSERVATIONS);
    expect(await ours.getSingleMetric('h_seconds')?.get()).toEqual(
      await theirs.getSingleMetric('h_seconds')?.get(),
    );
    expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
  });

  it('exposes a series only once observed, and none after a reset', async () => {
    const { ours, theirs } = both([[B, 0.2]]);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).not.toContain('grpc_method="Get"');
    ours.resetMetrics();
    theirs.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).not.toContain('h_seconds_count');
  });
});
