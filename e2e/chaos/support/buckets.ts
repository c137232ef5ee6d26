import type { MessageInitShape } from '@bufbuild/protobuf';
import type { commonBuckets } from '@mindex/proto';

export type BucketInit = MessageInitShape<typeof commonBuckets.MetricBucketSchema>;

/** A valid ingest bucket for an MRI ("c:custom/clicks@none"), an hour old, with the right value kind. */
export function bucket(
  orgId: bigint,
  projectId: bigint,
  mri: string,
  tags: Record<string, string> = {},
): BucketInit {
  const type = mri.split(':')[0]!;
  const value: BucketInit['value'] = {
    kind:
      type === 'c'
        ? { case: 'counter', value: 1 }
        : type === 's'
          ? { case: 'set', value: { values: [1, 2] } }
          : type === 'g'
            ? { case: 'gauge', value: { min: 1, max: 2, sum: 3, count: 2n, last: 2 } }
            : { case: 'distribution', value: { values: [1.5, 2.5] } },
  };
  return {
    namespace: mri.slice(2, mri.indexOf('/')),
    orgId,
    projectId,
    name: mri,
    type,
    timestamp: BigInt(Math.floor(Date.now() / 1000) - 3600),
    tags,
    value,
    retentionDays: 90,
  };
}
