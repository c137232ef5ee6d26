import type { MetricBlocking } from './metric-blocking.js';

export type BlockingUpdate<T> = (current: readonly MetricBlocking[]) => {
  blockings: MetricBlocking[];
  result: T;
};

export type BlockingUpdateResult<T> = { ok: true; result: T } | { ok: false; reason: 'contention' };

/** Metric blocking per (organization, project): a list of MetricBlocking, replaced atomically. */
export interface MetricBlockingStore {
  /** The lists of several projects of one organization (an empty list for a project with none). */
  getMany(
    orgId: bigint,
    projectIds: readonly bigint[],
  ): Promise<ReadonlyMap<bigint, readonly MetricBlocking[]>>;
  /** Runs `update` on the current list and stores its result, retrying when a concurrent update won. */
  update<T>(orgId: bigint, projectId: bigint, update: BlockingUpdate<T>): Promise<BlockingUpdateResult<T>>;
}
