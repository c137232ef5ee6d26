import { getAvailableOperations, mriString, parseMri, type ParsedMri } from '@mindex/mri';
import { UseCaseId } from '@mindex/use-case-registry';
import type { ProjectBlockingState } from '../dependencies/configuration-port.js';
import { getAvailableMris } from './get-available-mris.js';
import type { MetaScope, QueryDeps } from './query-deps.js';

export interface BlockedMetric {
  readonly isBlocked: boolean;
  readonly blockedTags: readonly string[];
  readonly projectId: bigint;
}

/** Sentry's `MetricMeta` (§3.4). */
export interface MetricMeta {
  /** The entity letter, not "counter". */
  readonly type: string;
  readonly name: string;
  readonly unit: string;
  readonly mri: string;
  readonly operations: readonly string[];
  readonly projectIds: readonly bigint[];
  readonly blockingStatus: readonly BlockedMetric[];
}

/** A metric left out of the answer, and why (for logs). */
export interface SkippedMetric {
  readonly useCase: string;
  readonly mri: string;
  readonly reason: 'invalid_mri' | 'unknown_entity';
}

export interface MetricsMeta {
  readonly metrics: MetricMeta[];
  readonly skipped: SkippedMetric[];
  /** Stored ids the indexer could not reverse resolve, per use case. */
  readonly unresolved: { readonly useCase: string; readonly ids: readonly bigint[] }[];
}

/**
 * `get_metrics_meta` (§3.4): per use case in request order, the stored metrics with their operations
 * (minus the organization's hidden ones) and blocking, then the blocked metrics never stored. Blocking
 * is read only for the custom use case. MRIs that do not parse are skipped as in Sentry; so are MRIs
 * whose entity has no operations for their namespace (`g:sessions/…`), where Sentry raises KeyError.
 */
export async function getMetricsMeta(
  deps: QueryDeps,
  scope: MetaScope,
  useCases: readonly string[],
): Promise<MetricsMeta> {
  const result: MetricsMeta = { metrics: [], skipped: [], unresolved: [] };
  if (scope.projectIds.length === 0) return result;

  const needsBlocking = useCases.includes(UseCaseId.CUSTOM);
  const [hidden, blockingStates, stored] = await Promise.all([
    deps.configuration.hiddenOperations(scope.orgId),
    needsBlocking ? deps.configuration.blockingState(scope.orgId, scope.projectIds) : Promise.resolve([]),
    Promise.all(useCases.map((useCase) => getAvailableMris(deps, scope, useCase))),
  ]);
  const hiddenOperations = new Set(hidden);

  useCases.forEach((useCase, index) => {
    const available = stored[index]!;
    if (available.unresolved.length > 0) result.unresolved.push({ useCase, ids: available.unresolved });
    const blocking =
      useCase === UseCaseId.CUSTOM ? blockingByMri(blockingStates) : new Map<string, BlockedMetric[]>();
    const add = (mri: string, projectIds: readonly bigint[], blockingStatus: readonly BlockedMetric[]) => {
      const parsed = parseMri(mri);
      if (parsed === null) {
        result.skipped.push({ useCase, mri, reason: 'invalid_mri' });
        return;
      }
      const meta = buildMetricMeta(parsed, projectIds, blockingStatus, hiddenOperations);
      if (meta === undefined) result.skipped.push({ useCase, mri, reason: 'unknown_entity' });
      else result.metrics.push(meta);
    };
    for (const [mri, projectIds] of available.mris) {
      add(mri, projectIds, blocking.get(mri) ?? []);
      blocking.delete(mri);
    }
    for (const [mri, blockingStatus] of blocking) add(mri, [], blockingStatus);
  });
  return result;
}

/** `get_metrics_blocking_state_of_projects`: MRI → one entry per project blocking it, in project order. */
function blockingByMri(states: readonly ProjectBlockingState[]): Map<string, BlockedMetric[]> {
  const byMri = new Map<string, BlockedMetric[]>();
  for (const state of states) {
    for (const metric of state.metrics) {
      const entry = {
        isBlocked: metric.isBlocked,
        blockedTags: metric.blockedTags,
        projectId: state.projectId,
      };
      const list = byMri.get(metric.mri);
      if (list === undefined) byMri.set(metric.mri, [entry]);
      else list.push(entry);
    }
  }
  return byMri;
}

/** `_build_metric_meta`; undefined when the MRI's entity has no operations (Sentry's KeyError). */
function buildMetricMeta(
  parsed: ParsedMri,
  projectIds: readonly bigint[],
  blockingStatus: readonly BlockedMetric[],
  hidden: ReadonlySet<string>,
): MetricMeta | undefined {
  const available = getAvailableOperations(parsed);
  if (!available.ok) return undefined;
  return {
    type: parsed.entity,
    name: parsed.name,
    unit: parsed.unit,
    mri: mriString(parsed),
    operations: available.operations.filter((op) => !hidden.has(op)),
    projectIds,
    blockingStatus,
  };
}
