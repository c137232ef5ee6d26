import type { MetricBlocking } from './metric-blocking.js';
import type { MetricBlockingStore } from './metric-blocking-store.js';

export function createInMemoryMetricBlockingStore(): MetricBlockingStore {
  const byProject = new Map<bigint, Map<bigint, readonly MetricBlocking[]>>();
  const projects = (orgId: bigint) => {
    let map = byProject.get(orgId);
    if (map === undefined) byProject.set(orgId, (map = new Map()));
    return map;
  };
  return {
    getMany: async (orgId, projectIds) =>
      new Map(projectIds.map((projectId) => [projectId, projects(orgId).get(projectId) ?? []])),
    update: async (orgId, projectId, update) => {
      const { blockings, result } = update(projects(orgId).get(projectId) ?? []);
      projects(orgId).set(projectId, blockings);
      return { ok: true, result };
    },
  };
}
