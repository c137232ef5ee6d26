/** A sliding-window quota (spec §5.1): at most `limit` units per `windowSeconds`, counted in granules. */
export interface Quota {
  readonly windowSeconds: number;
  readonly granularitySeconds: number;
  readonly limit: number;
  /** Turns the quota into one shared bucket (a global quota) instead of one per request prefix. */
  readonly prefixOverride?: string;
}

/** What one request asks for: `requested` units under `prefix`, checked against every quota. */
export interface RequestedQuota {
  readonly prefix: string;
  readonly requested: number;
  readonly quotas: readonly Quota[];
}

/** What one request was granted, and which quotas capped it. */
export interface GrantedQuota {
  readonly prefix: string;
  readonly granted: number;
  readonly reachedQuotas: readonly Quota[];
}

/** True when the quota can be counted: positive granularity dividing the window, non-negative limit. */
export function isUsableQuota(quota: Quota): boolean {
  return (
    Number.isSafeInteger(quota.windowSeconds) &&
    Number.isSafeInteger(quota.granularitySeconds) &&
    quota.granularitySeconds > 0 &&
    quota.windowSeconds >= quota.granularitySeconds &&
    quota.windowSeconds % quota.granularitySeconds === 0 &&
    Number.isFinite(quota.limit) &&
    quota.limit >= 0
  );
}
