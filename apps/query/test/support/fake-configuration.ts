import { generateOperationsConfig } from '@mindex/mri';
import type { ConfigurationPort, MetricBlockingEntry } from '../../src/dependencies/configuration-port.js';
import { DependencyError } from '../../src/dependencies/dependency-error.js';

/** An in-memory configuration service for tests. Organizations hide the default operations unless set. */
export interface FakeConfiguration extends ConfigurationPort {
  readonly hidden: Map<bigint, readonly string[]>;
  readonly blocking: Map<bigint, MetricBlockingEntry[]>;
  down: boolean;
  readonly calls: string[];
}

export function createFakeConfiguration(): FakeConfiguration {
  const defaults = generateOperationsConfig().getHiddenOperations();
  const fake: FakeConfiguration = {
    hidden: new Map(),
    blocking: new Map(),
    down: false,
    calls: [],
    async hiddenOperations(orgId) {
      guard('hiddenOperations');
      return fake.hidden.get(orgId) ?? defaults;
    },
    async blockingState(_orgId, projectIds) {
      guard('blockingState');
      return projectIds.map((projectId) => ({ projectId, metrics: fake.blocking.get(projectId) ?? [] }));
    },
  };
  function guard(method: string): void {
    fake.calls.push(method);
    if (fake.down)
      throw new DependencyError('configuration service', 'unavailable', new Error('connection refused'));
  }
  return fake;
}
