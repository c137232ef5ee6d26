import type { OrgOptionsStore, StoredOrgOptions } from './org-options-store.js';

export function createInMemoryOrgOptionsStore(): OrgOptionsStore {
  const byOrg = new Map<bigint, StoredOrgOptions>();
  return {
    get: async (orgId) => byOrg.get(orgId) ?? {},
    update: async (orgId, patch) => {
      const next = { ...byOrg.get(orgId), ...definedFields(patch) };
      byOrg.set(orgId, next);
      return next;
    },
  };
}

export function definedFields(patch: StoredOrgOptions): StoredOrgOptions {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
