/** The blocking of one metric in one project (configuration's MetricBlocking). */
export interface MetricBlockingState {
  readonly isBlocked: boolean;
  readonly blockedTags: ReadonlySet<string>;
}

/** Metric MRI → its blocking, for one project; a metric not listed is not blocked. */
export type ProjectBlocking = ReadonlyMap<string, MetricBlockingState>;

/** Fetches the blocking state of projects of one org (the configuration service's GetMetricsBlockingState). */
export type FetchBlockingState = (
  orgId: bigint,
  projectIds: readonly bigint[],
) => Promise<ReadonlyMap<bigint, ProjectBlocking>>;

export interface MetricsBlocking {
  /** The blocking of each project, by project id (missing: nothing known to be blocked). */
  projectsOf(orgId: bigint, projectIds: readonly bigint[]): Promise<ReadonlyMap<bigint, ProjectBlocking>>;
}

export interface MetricsBlockingCacheDeps {
  fetch: FetchBlockingState;
  now: () => number;
  /** How long a fetched state is used before asking again. */
  ttlMs: number;
  /** Told when a fetch failed (the last known state is used meanwhile). */
  onError?: (error: unknown) => void;
}

export const DEFAULT_BLOCKING_TTL_MS = 5000;

/**
 * Caches blocking state per (org, project) for `ttlMs`, one fetch per org for the stale projects of a batch.
 * When the configuration service fails, the last known state stays in use (a project never fetched is
 * treated as blocking nothing): ingestion must not stop because configuration is down.
 */
export function createMetricsBlockingCache(deps: MetricsBlockingCacheDeps): MetricsBlocking {
  const known = new Map<string, { state: ProjectBlocking; fetchedAt: number }>();
  const keyOf = (orgId: bigint, projectId: bigint) => `${orgId}:${projectId}`;
  return {
    async projectsOf(orgId, projectIds) {
      const now = deps.now();
      const result = new Map<bigint, ProjectBlocking>();
      const stale: bigint[] = [];
      for (const projectId of new Set(projectIds)) {
        const entry = known.get(keyOf(orgId, projectId));
        if (entry !== undefined) result.set(projectId, entry.state);
        if (entry === undefined || now - entry.fetchedAt >= deps.ttlMs) stale.push(projectId);
      }
      if (stale.length === 0) return result;
      try {
        const fetched = await deps.fetch(orgId, stale);
        for (const projectId of stale) {
          const state = fetched.get(projectId) ?? new Map();
          known.set(keyOf(orgId, projectId), { state, fetchedAt: now });
          result.set(projectId, state);
        }
      } catch (error) {
        deps.onError?.(error);
        // Keep the last known state (none: nothing blocked) for another ttl rather than making every batch
        // wait on a dependency that is down or hung.
        for (const projectId of stale) {
          const key = keyOf(orgId, projectId);
          known.set(key, { state: known.get(key)?.state ?? new Map(), fetchedAt: now });
        }
      }
      return result;
    },
  };
}

/** Nothing is blocked (no configuration service). */
export const NO_BLOCKING: MetricsBlocking = { projectsOf: async () => new Map() };
