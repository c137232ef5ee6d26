import {
  writesLimitGlobalQuotaPrefix,
  writesLimitOrgQuotaPrefix,
  type UseCaseId,
  type WritesLimitOptionNames,
} from '@mindex/use-case-registry';
import type { KeyGroup } from '../indexer/string-indexer.js';
import { isUsableQuota, type GrantedQuota, type Quota, type RequestedQuota } from './quota.js';
import type { SlidingWindowLimiter } from './sliding-window-limiter.js';

/** A string the limiter refused to create (spec §5.1). */
export interface DroppedString {
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
  readonly string: string;
  /** True when a global quota was among the reached quotas. */
  readonly globalQuota: boolean;
}

/** The decision on a set of new strings. Call `use()` only after the strings were stored. */
export interface WritesLimitState {
  readonly accepted: KeyGroup[];
  readonly dropped: DroppedString[];
  /**
   * Consumes quota for the strings `created` says each (use case, org) created, at most what was granted
   * (accepted strings that turned out to exist already are not new writes).
   */
  use(created: (useCase: UseCaseId, orgId: bigint) => number): Promise<void>;
}

export interface WritesLimiter {
  /**
   * Decides which new strings may be created. `groups` must have distinct (use case, org) pairs and distinct
   * strings. Within a group the first `granted` strings are accepted and the rest dropped, so the outcome is
   * deterministic (Sentry pops arbitrary ones).
   */
  check(groups: readonly KeyGroup[], timestampSeconds: number): Promise<WritesLimitState>;
}

export interface WritesLimiterDeps {
  limiter: SlidingWindowLimiter;
  /** The `.per-org` and `.global` option names of a use case, with the generic-metrics fallback. */
  optionNames: (useCase: UseCaseId) => WritesLimitOptionNames;
  /** The current value of a quota-list option (`[]` = no limit). */
  quotaList: (optionName: string) => readonly Quota[];
}

export function createWritesLimiter(deps: WritesLimiterDeps): WritesLimiter {
  const quotasOf = (useCase: UseCaseId): Quota[] => {
    const names = deps.optionNames(useCase);
    const globalPrefix = writesLimitGlobalQuotaPrefix(useCase);
    const global = deps.quotaList(names.global).map((q) => ({ ...q, prefixOverride: globalPrefix }));
    const perOrg = deps.quotaList(names.perOrg).map((q) => ({ ...q, prefixOverride: undefined }));
    // A quota that cannot be counted (bad window) is ignored rather than failing every insert.
    return [...global, ...perOrg].filter(isUsableQuota);
  };

  return {
    async check(groups, timestampSeconds) {
      const quotaCache = new Map<UseCaseId, Quota[]>();
      const limited: { group: KeyGroup; request: RequestedQuota }[] = [];
      const accepted: KeyGroup[] = [];
      for (const group of groups) {
        let quotas = quotaCache.get(group.useCase);
        if (quotas === undefined) quotaCache.set(group.useCase, (quotas = quotasOf(group.useCase)));
        // Use cases without quotas are not limited at all.
        if (quotas.length === 0) {
          accepted.push(group);
          continue;
        }
        const prefix = writesLimitOrgQuotaPrefix(group.useCase, group.orgId);
        limited.push({ group, request: { prefix, requested: group.strings.length, quotas } });
      }

      const requests = limited.map((l) => l.request);
      const grants: GrantedQuota[] =
        requests.length === 0 ? [] : await deps.limiter.checkWithinQuotas(requests, timestampSeconds);

      const dropped: DroppedString[] = [];
      limited.forEach(({ group }, i) => {
        const grant = grants[i]!;
        if (grant.granted >= group.strings.length) {
          accepted.push(group);
          return;
        }
        const globalQuota = grant.reachedQuotas.some((q) => q.prefixOverride !== undefined);
        const keep = group.strings.slice(0, grant.granted);
        if (keep.length > 0) accepted.push({ useCase: group.useCase, orgId: group.orgId, strings: keep });
        for (const string of group.strings.slice(grant.granted)) {
          dropped.push({ useCase: group.useCase, orgId: group.orgId, string, globalQuota });
        }
      });

      return {
        accepted,
        dropped,
        use: (created) => {
          if (requests.length === 0) return Promise.resolve();
          const used = grants.map((grant, i) => {
            const { group } = limited[i]!;
            return { ...grant, granted: Math.min(grant.granted, created(group.useCase, group.orgId)) };
          });
          return deps.limiter.useQuotas(requests, used, timestampSeconds);
        },
      };
    },
  };
}
