/** The blocking of one metric in one project (spec §3.5). */
export interface MetricBlockingEntry {
  readonly mri: string;
  readonly isBlocked: boolean;
  readonly blockedTags: readonly string[];
}

/** The blocked metrics of one project. */
export interface ProjectBlockingState {
  readonly projectId: bigint;
  readonly metrics: readonly MetricBlockingEntry[];
}

/**
 * What the query service needs from the configuration service. Implementations throw DependencyError
 * when it cannot answer.
 */
export interface ConfigurationPort {
  /** The operations the organization hides from the metrics API (spec §3.3). */
  hiddenOperations(orgId: bigint): Promise<readonly string[]>;
  /** The blocking state of each project, in the order asked. */
  blockingState(orgId: bigint, projectIds: readonly bigint[]): Promise<readonly ProjectBlockingState[]>;
}
