import type { UseCaseId, UseCaseKey } from '@mindex/use-case-registry';
import type { CardinalityCheck, CardinalityRecord, CardinalityStore } from './cardinality-store.js';
import { isUsableQuota, type Quota } from './quota.js';

/** One timeseries of a batch to admit or reject. */
export interface CardinalityItem {
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
  readonly path: UseCaseKey;
  /** The series' timeseries hash; only computed for orgs sampled in (spec §5.2 step 2), as hashing costs. */
  readonly hash: () => string;
}

/** The decision on a batch; `apply()` records the admitted series (after the batch was indexed). */
export interface CardinalityState {
  /** Indexes (into the checked items) of rejected series. */
  readonly rejected: ReadonlySet<number>;
  apply(): Promise<void>;
}

export interface CardinalityLimiter {
  check(items: readonly CardinalityItem[], timestampSeconds: number): Promise<CardinalityState>;
}

export interface CardinalityLimiterDeps {
  store: CardinalityStore;
  /** The org rollout rate of a metric path (`...cardinality-limiter[-rh].orgs-rollout-rate`). */
  rolloutRate: (path: UseCaseKey) => number;
  /** The current quotas of a use case (its per-org option, with the generic-metrics fallback). */
  quotas: (useCase: UseCaseId) => readonly Quota[];
}

/** `sample_modulo`: an org is sampled in iff (org_id % 100) < 100 × rate. */
export function isOrgSampled(orgId: bigint, rate: number): boolean {
  return Number(orgId % 100n) < 100 * rate;
}

interface ScopeBatch {
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
  readonly quota: Quota;
  /** Distinct hashes in first-seen order, with the item indexes carrying each. */
  readonly hashes: Map<string, number[]>;
}

/**
 * Limits distinct timeseries per (use case, org) in a sliding window (spec §5.2), shared by every instance
 * through the store. A series seen in the window is always admitted; a new one while fewer than `limit`
 * series were seen. Later new series of a batch are rejected first. Unlike Sentry, a quota list that is not
 * exactly one usable quota disables limiting for the use case instead of crashing the batch.
 */
export function createCardinalityLimiter(deps: CardinalityLimiterDeps): CardinalityLimiter {
  return {
    async check(items, timestampSeconds) {
      const scopes = new Map<UseCaseId, Map<bigint, ScopeBatch | null>>();
      const batches: ScopeBatch[] = [];
      items.forEach((item, index) => {
        let orgs = scopes.get(item.useCase);
        if (orgs === undefined) scopes.set(item.useCase, (orgs = new Map()));
        let batch = orgs.get(item.orgId);
        if (batch === undefined) {
          const quotas = deps.quotas(item.useCase);
          const quota = quotas.length === 1 && isUsableQuota(quotas[0]!) ? quotas[0]! : undefined;
          const sampled = quota !== undefined && isOrgSampled(item.orgId, deps.rolloutRate(item.path));
          batch = sampled ? { useCase: item.useCase, orgId: item.orgId, quota, hashes: new Map() } : null;
          orgs.set(item.orgId, batch);
          if (batch !== null) batches.push(batch);
        }
        if (batch === null) return;
        const hash = item.hash();
        const carriers = batch.hashes.get(hash);
        if (carriers === undefined) batch.hashes.set(hash, [index]);
        else carriers.push(index);
      });

      if (batches.length === 0) return { rejected: new Set(), apply: async () => undefined };

      const checks: CardinalityCheck[] = batches.map((batch) => ({
        scope: { useCase: batch.useCase, orgId: batch.orgId },
        hashes: [...batch.hashes.keys()],
        sinceSeconds: windowStart(batch.quota, timestampSeconds),
      }));
      const results = await deps.store.check(checks);

      const rejected = new Set<number>();
      const records: CardinalityRecord[] = [];
      batches.forEach((batch, b) => {
        const { seen, count } = results[b]!;
        let remaining = Math.max(0, batch.quota.limit - count);
        const admitted: string[] = [];
        for (const [hash, carriers] of batch.hashes) {
          if (seen.has(hash)) {
            admitted.push(hash);
          } else if (remaining > 0) {
            remaining--;
            admitted.push(hash);
          } else {
            for (const index of carriers) rejected.add(index);
          }
        }
        if (admitted.length > 0) {
          records.push({
            scope: { useCase: batch.useCase, orgId: batch.orgId },
            hashes: admitted,
            seenAtSeconds: timestampSeconds,
            expiresAtSeconds: timestampSeconds + batch.quota.windowSeconds,
          });
        }
      });
      return {
        rejected,
        apply: () => (records.length === 0 ? Promise.resolve() : deps.store.record(records)),
      };
    },
  };
}

/** The first second of the window: the start of the oldest of its `window / granularity` granules. */
function windowStart(quota: Quota, timestampSeconds: number): number {
  const granule = Math.floor(timestampSeconds / quota.granularitySeconds);
  return (granule - quota.windowSeconds / quota.granularitySeconds + 1) * quota.granularitySeconds;
}
