import { createClient, type Transport } from '@connectrpc/connect';
import { configuration } from '@mindex/proto';
import type { ConfigurationPort } from './configuration-port.js';
import { createDependencyCaller, type DependencyCallOptions } from './dependency-caller.js';

/** The ConfigurationPort over the configuration service's gRPC API, with a deadline on every call. */
export function createConnectConfigurationPort(
  transport: Transport,
  options: DependencyCallOptions,
): ConfigurationPort {
  const client = createClient(configuration.ConfigurationService, transport);
  const call = createDependencyCaller('configuration service', options);
  return {
    async hiddenOperations(orgId) {
      const response = await call((o) => client.getOperationsConfiguration({ orgId }, o));
      return response.hiddenOperations;
    },
    async blockingState(orgId, projectIds) {
      const response = await call((o) =>
        client.getMetricsBlockingState({ orgId, projectIds: [...projectIds] }, o),
      );
      return response.projects.map((project) => ({
        projectId: project.projectId,
        metrics: project.metrics.map((m) => ({
          mri: m.metricMri,
          isBlocked: m.isBlocked,
          blockedTags: m.blockedTags,
        })),
      }));
    },
  };
}
