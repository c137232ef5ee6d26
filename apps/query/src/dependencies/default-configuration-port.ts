import { generateOperationsConfig } from '@mindex/mri';
import type { ConfigurationPort } from './configuration-port.js';

/**
 * The configuration when no configuration service is configured: every organization has the default
 * options (percentiles shown, `last` hidden, non-queryable operations hidden) and nothing is blocked.
 */
export function createDefaultConfigurationPort(): ConfigurationPort {
  const hidden = generateOperationsConfig().getHiddenOperations();
  return {
    hiddenOperations: async () => hidden,
    blockingState: async (_orgId, projectIds) => projectIds.map((projectId) => ({ projectId, metrics: [] })),
  };
}
