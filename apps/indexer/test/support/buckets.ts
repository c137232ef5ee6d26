import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { commonBuckets } from '@mindex/proto';

export type BucketInit = MessageInitShape<typeof commonBuckets.MetricBucketSchema>;

/** A metric bucket with defaults for what a test does not care about. */
export function bucket(init: BucketInit): commonBuckets.MetricBucket {
  const defaults: BucketInit = {
    orgId: 1n,
    projectId: 3n,
    timestamp: 1_619_000_000n,
    type: 'c',
    value: { kind: { case: 'counter', value: 1 } },
  };
  return create(commonBuckets.MetricBucketSchema, { ...defaults, ...init } as BucketInit);
}

/** The three session buckets of Sentry's test_batch (spec §7.4, §7.5). */
export function sessionBuckets(orgId = 1n, retentionDays?: number): commonBuckets.MetricBucket[] {
  const common = { orgId, namespace: 'sessions', retentionDays };
  return [
    bucket({
      ...common,
      name: 'c:sessions/session@none',
      type: 'c',
      tags: { environment: 'production', 'session.status': 'init' },
      value: { kind: { case: 'counter', value: 1 } },
    }),
    bucket({
      ...common,
      name: 'd:sessions/duration@second',
      type: 'd',
      tags: { environment: 'production', 'session.status': 'healthy' },
      value: { kind: { case: 'distribution', value: { values: [4, 5, 6] } } },
    }),
    bucket({
      ...common,
      name: 's:sessions/error@none',
      type: 's',
      tags: { environment: 'production', 'session.status': 'errored' },
      value: { kind: { case: 'set', value: { values: [3] } } },
    }),
  ];
}
