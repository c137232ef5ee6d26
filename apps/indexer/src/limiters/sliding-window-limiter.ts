import type { GrantedQuota, Quota, RequestedQuota } from './quota.js';
import type { WindowIncrement, WindowRange, WindowStore } from './window-store.js';

/**
 * Sentry's sliding-window rate limiter (spec §5.1) over a WindowStore. Checking and using are separate steps,
 * so a failure between them burns no quota; concurrent callers may overspend a little (accepted by Sentry).
 */
export interface SlidingWindowLimiter {
  checkWithinQuotas(requests: readonly RequestedQuota[], timestampSeconds: number): Promise<GrantedQuota[]>;
  useQuotas(
    requests: readonly RequestedQuota[],
    grants: readonly GrantedQuota[],
    timestampSeconds: number,
  ): Promise<void>;
}

function bucketPrefix(request: RequestedQuota, quota: Quota): string {
  return quota.prefixOverride ?? request.prefix;
}

function rangeOf(prefix: string, quota: Quota, timestampSeconds: number): WindowRange {
  const granule = Math.floor(timestampSeconds / quota.granularitySeconds);
  const granules = quota.windowSeconds / quota.granularitySeconds;
  return {
    prefix,
    windowSeconds: quota.windowSeconds,
    granularitySeconds: quota.granularitySeconds,
    fromGranule: granule - granules + 1,
    toGranule: granule,
  };
}

/** Identity of one counter series within one call (internal only). */
function seriesId(prefix: string, quota: Quota): string {
  return `${quota.windowSeconds}/${quota.granularitySeconds}/${prefix}`;
}

export function createSlidingWindowLimiter(store: WindowStore): SlidingWindowLimiter {
  return {
    async checkWithinQuotas(requests, timestampSeconds) {
      const ranges: WindowRange[] = [];
      const rangeIndex = new Map<string, number>();
      for (const request of requests) {
        for (const quota of request.quotas) {
          const prefix = bucketPrefix(request, quota);
          const id = seriesId(prefix, quota);
          if (rangeIndex.has(id)) continue;
          rangeIndex.set(id, ranges.length);
          ranges.push(rangeOf(prefix, quota, timestampSeconds));
        }
      }
      const sums = ranges.length === 0 ? [] : await store.sum(ranges);

      // Units granted to earlier requests of this call under a shared (global) quota, so that requests
      // that fit one by one cannot overshoot it together.
      const grantedInCall = new Map<string, number>();
      return requests.map((request) => {
        let granted = request.requested;
        const reachedQuotas: Quota[] = [];
        for (const quota of request.quotas) {
          const id = seriesId(bucketPrefix(request, quota), quota);
          const used = sums[rangeIndex.get(id)!]! + (grantedInCall.get(id) ?? 0);
          const remaining = Math.max(0, quota.limit - used);
          if (remaining < granted) {
            granted = remaining;
            reachedQuotas.push(quota);
          }
        }
        for (const quota of request.quotas) {
          if (quota.prefixOverride === undefined) continue;
          const id = seriesId(quota.prefixOverride, quota);
          grantedInCall.set(id, (grantedInCall.get(id) ?? 0) + granted);
        }
        return { prefix: request.prefix, granted, reachedQuotas };
      });
    },

    async useQuotas(requests, grants, timestampSeconds) {
      const increments: WindowIncrement[] = [];
      requests.forEach((request, i) => {
        const granted = grants[i]?.granted ?? 0;
        if (granted <= 0) return;
        for (const quota of request.quotas) {
          const granule = Math.floor(timestampSeconds / quota.granularitySeconds);
          increments.push({
            prefix: bucketPrefix(request, quota),
            windowSeconds: quota.windowSeconds,
            granularitySeconds: quota.granularitySeconds,
            granule,
            amount: granted,
            expiresAtSeconds: (granule + 1) * quota.granularitySeconds + quota.windowSeconds,
          });
        }
      });
      if (increments.length > 0) await store.add(increments);
    },
  };
}
