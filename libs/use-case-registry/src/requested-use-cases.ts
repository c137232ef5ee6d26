import { UseCaseApiAccess } from './use-case-api-access.js';
import type { UseCaseError, UseCaseIdResult } from './use-case-error.js';
import { UseCaseId } from './use-case-id.js';
import type { UseCaseRegistry } from './use-case-registry.js';

/** Who is asking: elevated callers (superuser / staff) may read PRIVATE use cases. */
export interface UseCaseAccessOptions {
  readonly elevated: boolean;
}

/** `can_access_use_case_id`: PUBLIC, or PRIVATE for an elevated caller. */
export function canAccessUseCase(
  registry: UseCaseRegistry,
  useCaseId: string,
  options: UseCaseAccessOptions,
): boolean {
  return registry.apiAccess(useCaseId) === UseCaseApiAccess.PUBLIC || options.elevated;
}

const INACCESSIBLE_ONE: UseCaseError = {
  reason: 'inaccessible_use_case',
  message: "The supplied use case doesn't exist or it's private",
};
const INACCESSIBLE_MANY: UseCaseError = {
  reason: 'inaccessible_use_case',
  message: "One or more supplied use cases doesn't exist or it's private",
};

/** `get_use_case_id(request)`: the `useCase` parameter, `sessions` when absent (spec §1.5). */
export function requestedUseCase(
  registry: UseCaseRegistry,
  value: string | undefined,
  options: UseCaseAccessOptions,
): UseCaseIdResult {
  const resolved = registry.stringToUseCaseId(value ?? UseCaseId.SESSIONS);
  if (!resolved.ok || !canAccessUseCase(registry, resolved.useCaseId, options)) {
    return { ok: false, error: INACCESSIBLE_ONE };
  }
  return resolved;
}

export type UseCaseIdsResult =
  | { readonly ok: true; readonly useCaseIds: readonly string[] }
  | { readonly ok: false; readonly error: UseCaseError };

/** `get_use_case_ids(request)`: repeated `useCase` parameters; none means every accessible use case. */
export function requestedUseCases(
  registry: UseCaseRegistry,
  values: readonly string[],
  options: UseCaseAccessOptions,
): UseCaseIdsResult {
  if (values.length === 0) {
    const useCaseIds = registry.useCaseIds().filter((id) => canAccessUseCase(registry, id, options));
    return { ok: true, useCaseIds };
  }
  const useCaseIds: string[] = [];
  for (const value of values) {
    const resolved = registry.stringToUseCaseId(value);
    if (!resolved.ok || !canAccessUseCase(registry, resolved.useCaseId, options)) {
      return { ok: false, error: INACCESSIBLE_MANY };
    }
    useCaseIds.push(resolved.useCaseId);
  }
  return { ok: true, useCaseIds };
}
