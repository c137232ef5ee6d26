import { UseCaseApiAccess } from './use-case-api-access.js';
import type { UseCaseEntry } from './use-case-entry.js';
import type { UseCaseId } from './use-case-id.js';
import { isUseCaseKey } from './use-case-key.js';

// An id is an MRI namespace and a quota-key segment: no `/` (MRI grammar) and no `-` (Sentry splits
// cardinality prefixes on `-`). Lower-case snake case, like every reference id.
const USE_CASE_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const ACCESS_VALUES: readonly number[] = Object.values(UseCaseApiAccess);

/** Every problem with a set of registry rows and its reverse mapping; empty when they are consistent. */
export function validateUseCaseEntries(
  entries: readonly UseCaseEntry[],
  reverseMetricPathMapping: Readonly<Record<string, UseCaseId | undefined>>,
): string[] {
  const problems: string[] = [];
  const seen = new Map<string, UseCaseEntry>();
  for (const entry of entries) {
    if (!USE_CASE_ID_PATTERN.test(entry.id)) {
      problems.push(`use case id ${JSON.stringify(entry.id)} must match ${USE_CASE_ID_PATTERN.source}`);
    }
    if (isUseCaseKey(entry.id)) problems.push(`use case id ${entry.id} collides with a use case key`);
    if (seen.has(entry.id)) problems.push(`use case id ${entry.id} is registered twice`);
    if (!isUseCaseKey(entry.metricPath)) {
      problems.push(`use case ${entry.id} has an unknown metric path ${JSON.stringify(entry.metricPath)}`);
    }
    if (entry.apiAccess !== undefined && !ACCESS_VALUES.includes(entry.apiAccess)) {
      problems.push(`use case ${entry.id} has an unknown API access ${JSON.stringify(entry.apiAccess)}`);
    }
    seen.set(entry.id, entry);
  }
  for (const [key, id] of Object.entries(reverseMetricPathMapping)) {
    if (id === undefined) continue;
    if (!isUseCaseKey(key)) {
      problems.push(`reverse mapping has an unknown use case key ${key}`);
      continue;
    }
    const target = seen.get(id);
    if (target === undefined) problems.push(`use case key ${key} maps to unregistered use case ${id}`);
    else if (target.metricPath !== key)
      problems.push(`use case key ${key} maps to ${id} of path ${target.metricPath}`);
  }
  return problems;
}
