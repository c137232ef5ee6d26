export { USE_CASE_KEYS, UseCaseKey, isUseCaseKey } from './use-case-key.js';
export { UseCaseId, type ReferenceUseCaseId } from './use-case-id.js';
export { UseCaseApiAccess } from './use-case-api-access.js';
export type { UseCaseEntry } from './use-case-entry.js';
export {
  InvalidUseCaseRegistryError,
  UnknownUseCaseError,
  type UseCaseError,
  type UseCaseIdResult,
} from './use-case-error.js';
export { REFERENCE_REVERSE_METRIC_PATH_MAPPING, REFERENCE_USE_CASES } from './reference-use-cases.js';
export { validateUseCaseEntries } from './validate-use-case-entries.js';
export { createUseCaseRegistry, type UseCaseRegistry } from './use-case-registry.js';
export {
  METRIC_PATH_MAPPING,
  REVERSE_METRIC_PATH_MAPPING,
  cardinalityLimitOptionName,
  extractUseCaseId,
  getMetricPathFromUseCase,
  getUseCaseIdApiAccess,
  isUseCaseId,
  referenceUseCaseRegistry,
  stringToUseCaseId,
  toUseCaseId,
  writesLimitOptionNames,
} from './reference-use-case-registry.js';
export {
  canAccessUseCase,
  requestedUseCase,
  requestedUseCases,
  type UseCaseAccessOptions,
  type UseCaseIdsResult,
} from './requested-use-cases.js';
export {
  CARDINALITY_LIMIT_FALLBACK_OPTION,
  CARDINALITY_LIMIT_OPTION_NAMES,
  CARDINALITY_ROLLOUT_OPTION_NAMES,
  WRITES_LIMIT_FALLBACK_PREFIX,
  WRITES_LIMIT_OPTION_NAMES,
  cardinalityRolloutOptionName,
  writesLimitOptionNamesForPrefix,
  type WritesLimitOptionNames,
} from './option-names.js';
export {
  cardinalityQuotaPrefix,
  useCaseIdOfCardinalityQuotaPrefix,
  writesLimitGlobalQuotaPrefix,
  writesLimitOrgQuotaPrefix,
  type OrgId,
} from './quota-prefixes.js';
