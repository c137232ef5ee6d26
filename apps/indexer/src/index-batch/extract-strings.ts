import type { UseCaseId } from '@mindex/use-case-registry';
import type { KeyGroup } from '../indexer/string-indexer.js';
import type { ValidBucket } from './validate-bucket.js';

/** The strings of buckets grouped per (use case, org), with where each bucket and string went. */
export interface ExtractedStrings {
  readonly groups: KeyGroup[];
  /** Per group, each string's index in the group's `strings`. */
  readonly positions: readonly ReadonlyMap<string, number>[];
  /** Per bucket (in the order given), the index of its group. */
  readonly groupOf: readonly number[];
}

/**
 * The strings of valid buckets per (use case, org) (spec §7.4): metric names, tag keys, and tag values only
 * where the pipeline indexes them. Groups come in first-seen order, strings deduplicated in first-seen order.
 */
export function extractStrings(buckets: readonly ValidBucket[]): KeyGroup[] {
  return extractStringGroups(buckets).groups;
}

/** `extractStrings`, also saying where each bucket and string went (so outcomes need no second index). */
export function extractStringGroups(buckets: readonly ValidBucket[]): ExtractedStrings {
  const byUseCase = new Map<UseCaseId, Map<bigint, number>>();
  const groups: { useCase: UseCaseId; orgId: bigint; strings: string[] }[] = [];
  const positions: Map<string, number>[] = [];
  const groupOf: number[] = new Array<number>(buckets.length);
  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b]!;
    const orgId = bucket.source.orgId;
    let orgs = byUseCase.get(bucket.useCase);
    if (orgs === undefined) byUseCase.set(bucket.useCase, (orgs = new Map()));
    let g = orgs.get(orgId);
    if (g === undefined) {
      g = groups.length;
      orgs.set(orgId, g);
      groups.push({ useCase: bucket.useCase, orgId, strings: [] });
      positions.push(new Map());
    }
    groupOf[b] = g;
    const strings = groups[g]!.strings;
    const seen = positions[g]!;
    addString(seen, strings, bucket.source.name);
    const indexValues = bucket.profile.shouldIndexTagValues;
    const tags = bucket.tags;
    for (let i = 0; i < tags.length; i++) {
      const [key, value] = tags[i]!;
      addString(seen, strings, key);
      if (indexValues) addString(seen, strings, value);
    }
  }
  return { groups, positions, groupOf };
}

function addString(seen: Map<string, number>, strings: string[], string: string): void {
  if (!seen.has(string)) {
    seen.set(string, strings.length);
    strings.push(string);
  }
}
