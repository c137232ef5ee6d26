/** The blocking of one metric in one project (`MetricBlocking`, spec §3.5). */
export interface MetricBlocking {
  readonly metricMri: string;
  readonly isBlocked: boolean;
  /** Sorted, without duplicates. */
  readonly blockedTags: readonly string[];
}

/** One change to a metric's blocking (`MetricOperation`, spec §3.5). */
export interface MetricOperation {
  readonly metricMri: string;
  /** Block (true) or unblock (false) the whole metric; undefined leaves it as it is. */
  readonly blockMetric: boolean | undefined;
  readonly blockTags: readonly string[];
  /** Applied after blockTags, so a tag in both ends up unblocked. */
  readonly unblockTags: readonly string[];
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function emptyBlocking(metricMri: string): MetricBlocking {
  return { metricMri, isBlocked: false, blockedTags: [] };
}

export function isEmptyBlocking(blocking: MetricBlocking): boolean {
  return !blocking.isBlocked && blocking.blockedTags.length === 0;
}

/** Loads a stored list: the last entry per MRI wins, at the position of the MRI's first entry. */
export function loadBlockings(entries: readonly MetricBlocking[]): MetricBlocking[] {
  const byMri = new Map<string, MetricBlocking>();
  for (const entry of entries) byMri.set(entry.metricMri, entry);
  return [...byMri.values()];
}

/**
 * Applies an operation to a project's blockings: `is_blocked = block_metric ?? previous`, `blocked_tags =
 * (previous ∪ block_tags) − unblock_tags`. An entry that ends up empty (not blocked, no tags) is removed, and a new
 * one that would be empty is not added. Returns the new list and the metric's blocking after the operation (empty
 * when it was removed).
 */
export function applyMetricOperation(
  blockings: readonly MetricBlocking[],
  operation: MetricOperation,
): { blockings: MetricBlocking[]; blocking: MetricBlocking } {
  const current = loadBlockings(blockings);
  const index = current.findIndex((b) => b.metricMri === operation.metricMri);
  const previous = index === -1 ? emptyBlocking(operation.metricMri) : current[index]!;
  const tags = new Set([...previous.blockedTags, ...operation.blockTags]);
  for (const tag of operation.unblockTags) tags.delete(tag);
  const blocking: MetricBlocking = {
    metricMri: operation.metricMri,
    isBlocked: operation.blockMetric ?? previous.isBlocked,
    blockedTags: [...tags].sort(byCodeUnits),
  };
  const keep = !isEmptyBlocking(blocking);
  if (index === -1) {
    if (keep) current.push(blocking);
  } else if (keep) {
    current[index] = blocking;
  } else {
    current.splice(index, 1);
  }
  return { blockings: current, blocking };
}

/** A project's blocked metrics sorted by MRI, and the Relay `deniedNames` (the fully blocked MRIs). */
export function blockingState(blockings: readonly MetricBlocking[]): {
  metrics: MetricBlocking[];
  deniedNames: string[];
} {
  const metrics = loadBlockings(blockings)
    .filter((b) => !isEmptyBlocking(b))
    .sort((a, b) => byCodeUnits(a.metricMri, b.metricMri));
  return { metrics, deniedNames: metrics.filter((b) => b.isBlocked).map((b) => b.metricMri) };
}
