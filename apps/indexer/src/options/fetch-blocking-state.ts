import type { Client } from '@connectrpc/connect';
import type { configuration } from '@mindex/proto';
import type { FetchBlockingState, MetricBlockingState } from '../index-batch/metrics-blocking.js';

/** GetMetricsBlockingState on the configuration service, with a deadline, as per-project maps by MRI. */
export function fetchBlockingStateFrom(
  client: Client<typeof configuration.ConfigurationService>,
  timeoutMs: number,
): FetchBlockingState {
  return async (orgId, projectIds) => {
    const response = await client.getMetricsBlockingState(
      { orgId, projectIds: [...projectIds] },
      { timeoutMs },
    );
    return new Map(
      response.projects.map((project) => [
        project.projectId,
        new Map<string, MetricBlockingState>(
          project.metrics.map((m) => [
            m.metricMri,
            { isBlocked: m.isBlocked, blockedTags: new Set(m.blockedTags) },
          ]),
        ),
      ]),
    );
  };
}
