import type { UseCaseId } from './use-case-id.js';

/** An organization id as it appears in quota keys. */
export type OrgId = number | bigint;

/** Writes-limiter per-org quota prefix: `metrics-indexer-{use case}-org-{org}` (spec §5.1). */
export function writesLimitOrgQuotaPrefix(useCaseId: UseCaseId, orgId: OrgId): string {
  return `metrics-indexer-${useCaseId}-org-${orgId}`;
}

/** Writes-limiter global quota prefix: `metrics-indexer-{use case}-global` (spec §5.1). */
export function writesLimitGlobalQuotaPrefix(useCaseId: UseCaseId): string {
  return `metrics-indexer-${useCaseId}-global`;
}

/** Cardinality-limiter quota prefix: `metrics-indexer-cardinality-{use case}-org-{org}` (spec §5.2). */
export function cardinalityQuotaPrefix(useCaseId: UseCaseId, orgId: OrgId): string {
  return `metrics-indexer-cardinality-${useCaseId}-org-${orgId}`;
}

/** Element [3] of a cardinality prefix split on `-`, as Sentry reads it for metric tags. */
export function useCaseIdOfCardinalityQuotaPrefix(prefix: string): UseCaseId | undefined {
  return prefix.split('-')[3];
}
