import type { WritesLimitOptionNames } from './option-names.js';
import { REFERENCE_USE_CASES } from './reference-use-cases.js';
import type { UseCaseApiAccess } from './use-case-api-access.js';
import type { UseCaseIdResult } from './use-case-error.js';
import type { UseCaseId } from './use-case-id.js';
import type { UseCaseKey } from './use-case-key.js';
import { createUseCaseRegistry, type UseCaseRegistry } from './use-case-registry.js';

let reference: UseCaseRegistry | undefined;

/** The registry of the reference table (spec §1.2), built on first use; it is immutable. */
export function referenceUseCaseRegistry(): UseCaseRegistry {
  reference ??= createUseCaseRegistry();
  return reference;
}

/** `METRIC_PATH_MAPPING` of the reference table: use case → metric path. */
export const METRIC_PATH_MAPPING: Readonly<Record<string, UseCaseKey>> = Object.fromEntries(
  REFERENCE_USE_CASES.map((entry) => [entry.id, entry.metricPath]),
);

export { REFERENCE_REVERSE_METRIC_PATH_MAPPING as REVERSE_METRIC_PATH_MAPPING } from './reference-use-cases.js';

// Plain helpers over the reference registry; services with their own table call the registry instead.

export function isUseCaseId(value: string): boolean {
  return referenceUseCaseRegistry().isUseCaseId(value);
}

export function toUseCaseId(value: UseCaseId | UseCaseKey): UseCaseId {
  return referenceUseCaseRegistry().toUseCaseId(value);
}

export function stringToUseCaseId(value: string): UseCaseIdResult {
  return referenceUseCaseRegistry().stringToUseCaseId(value);
}

export function extractUseCaseId(mri: string): UseCaseIdResult {
  return referenceUseCaseRegistry().extractUseCaseId(mri);
}

export function getMetricPathFromUseCase(useCaseId: UseCaseId): UseCaseKey | undefined {
  return referenceUseCaseRegistry().metricPath(useCaseId);
}

export function getUseCaseIdApiAccess(useCaseId: UseCaseId): UseCaseApiAccess {
  return referenceUseCaseRegistry().apiAccess(useCaseId);
}

export function writesLimitOptionNames(useCaseId: UseCaseId): WritesLimitOptionNames {
  return referenceUseCaseRegistry().writesLimitOptionNames(useCaseId);
}

export function cardinalityLimitOptionName(useCaseId: UseCaseId): string {
  return referenceUseCaseRegistry().cardinalityLimitOptionName(useCaseId);
}
