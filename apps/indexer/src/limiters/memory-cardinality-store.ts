import type { UseCaseId } from '@mindex/use-case-registry';
import type { CardinalityStore } from './cardinality-store.js';

/** An in-memory CardinalityStore (for unit tests). */
export function createMemoryCardinalityStore(): CardinalityStore {
  // use case → org → hash → last seen seconds
  const series = new Map<UseCaseId, Map<bigint, Map<string, number>>>();
  const scopeSeries = (useCase: UseCaseId, orgId: bigint): Map<string, number> => {
    let orgs = series.get(useCase);
    if (orgs === undefined) series.set(useCase, (orgs = new Map()));
    let hashes = orgs.get(orgId);
    if (hashes === undefined) orgs.set(orgId, (hashes = new Map()));
    return hashes;
  };
  return {
    async check(checks) {
      return checks.map(({ scope, hashes, sinceSeconds }) => {
        const known = scopeSeries(scope.useCase, scope.orgId);
        let count = 0;
        for (const lastSeen of known.values()) if (lastSeen >= sinceSeconds) count++;
        const seen = new Set(hashes.filter((h) => (known.get(h) ?? -Infinity) >= sinceSeconds));
        return { seen, count };
      });
    },
    async record(records) {
      for (const { scope, hashes, seenAtSeconds } of records) {
        const known = scopeSeries(scope.useCase, scope.orgId);
        for (const hash of hashes) known.set(hash, Math.max(known.get(hash) ?? seenAtSeconds, seenAtSeconds));
      }
    },
  };
}
