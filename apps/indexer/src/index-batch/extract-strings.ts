import type { UseCaseId } from '@mindex/use-case-registry';
import type { KeyGroup } from '../indexer/string-indexer.js';
import type { ValidBucket } from './validate-bucket.js';

/**
 * The strings of valid buckets per (use case, org) (spec §7.4): metric names, tag keys, and tag values only
 * where the pipeline indexes them. Groups come in first-seen order, strings deduplicated in first-seen order.
 */
export function extractStrings(buckets: readonly ValidBucket[]): KeyGroup[] {
  const groups = new Map<UseCaseId, Map<bigint, Set<string>>>();
  const order: { useCase: UseCaseId; orgId: bigint; strings: Set<string> }[] = [];
  for (const bucket of buckets) {
    const orgId = bucket.source.orgId;
    let orgs = groups.get(bucket.useCase);
    if (orgs === undefined) groups.set(bucket.useCase, (orgs = new Map()));
    let strings = orgs.get(orgId);
    if (strings === undefined) {
      orgs.set(orgId, (strings = new Set()));
      order.push({ useCase: bucket.useCase, orgId, strings });
    }
    strings.add(bucket.source.name);
    for (const [key, value] of bucket.tags) {
      strings.add(key);
      if (bucket.profile.shouldIndexTagValues) strings.add(value);
    }
  }
  return order.map(({ useCase, orgId, strings }) => ({ useCase, orgId, strings: [...strings] }));
}
