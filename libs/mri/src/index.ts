// MRI grammar and parsing (spec §2.1-2.3)
export { mriString, type ParsedMri } from './parsed-mri.js';
export { MRI_SCHEMA_PATTERN, MRI_SCHEMA_REGEX, PYTHON_END_ANCHOR } from './mri-pattern.js';
export { isMri, parseMri } from './parse-mri.js';
export { OP_REGEX, OP_REGEX_OPERATIONS, type OpRegexOperation } from './op-regex.js';
export {
  MRI_EXPRESSION_REGEX,
  isMriField,
  mriFieldString,
  parseMriField,
  type ParsedMriField,
} from './parse-mri-field.js';
export { formatMriField } from './format-mri-field.js';
export { formatMriFieldValue } from './format-mri-field-value.js';

// Units (spec §2.9)
export {
  FRACTION_UNITS,
  KNOWN_METRIC_UNITS,
  isFractionUnit,
  type FractionUnit,
  type KnownMetricUnit,
} from './metric-unit.js';
export {
  DURATION_UNIT_FAMILY,
  INFORMATION_UNIT_FAMILY,
  UNIT_FAMILIES,
  UnitFamily,
  convertUnit,
  getUnitFamilyAndUnit,
  type ScaledUnit,
  type UnitFamilyAndUnit,
  type UnitFamilySpec,
} from './unit-family.js';
export { formatNumber, formatValueUsingUnit, formatValueUsingUnitAndOp } from './format-value-using-unit.js';

// Entities and operations (spec §2.4, §3.1)
export {
  ENTITY_KEY_MAPPING_GENERIC,
  ENTITY_KEY_MAPPING_NON_GENERIC,
  SNUBA_ENTITY_TO_ENTITY_LETTER,
  SnubaEntity,
  type GenericSnubaEntity,
  type NonGenericSnubaEntity,
} from './snuba-entity.js';
export {
  GENERIC_OP_TO_SNUBA_FUNCTION,
  OP_TO_SNUBA_FUNCTION,
  type OpToSnubaFunction,
} from './snuba-functions.js';
export {
  AVAILABLE_GENERIC_OPERATIONS,
  AVAILABLE_OPERATIONS,
  OPERATIONS_TO_ENTITY,
} from './available-operations.js';
export { RELEASE_HEALTH_NAMESPACE, type UnknownEntityError } from './unknown-entity-error.js';
export { snubaEntityForMri, type SnubaEntityResult } from './snuba-entity-for-mri.js';
export { getAvailableOperations, type AvailableOperationsResult } from './get-available-operations.js';
export {
  DEFAULT_AGGREGATES,
  DERIVED_OPERATIONS,
  METRIC_OPERATION_TYPES,
  OPERATIONS,
  OPERATIONS_PERCENTILES,
  type MetricOperationType,
} from './metric-operations.js';

// Known MRIs and classification (spec §2.5, §2.8)
export { SessionMri } from './session-mri.js';
export { TransactionMri } from './transaction-mri.js';
export { SpanMri } from './span-mri.js';
export { ErrorsMri } from './errors-mri.js';
export {
  CUSTOM_NAMESPACE,
  TRANSACTIONS_NAMESPACE,
  isCustomMeasurement,
  isCustomMetric,
  isMeasurement,
} from './mri-classification.js';
export { extractNameFromCustomMetricMri } from './extract-name-from-custom-metric-mri.js';

// Hiding operations (spec §3.3)
export {
  METRICS_API_HIDDEN_OPERATIONS,
  METRICS_API_ORG_OPTION_DEFAULTS,
  MetricsApiOrgOption,
  NON_QUERYABLE_METRIC_OPERATIONS,
} from './hidden-operations.js';
export { createOperationsConfiguration, type OperationsConfiguration } from './operations-configuration.js';
export { generateOperationsConfig, type MetricsApiOrgOptions } from './generate-operations-config.js';
export { visibleOperations } from './visible-operations.js';
export { MetricOpClass, type MetricOp } from './metric-op.js';
export {
  createMetricsOperationsConfig,
  type MetricsOperationsConfig,
  type MetricsOperationsConfigOptions,
} from './metrics-operations-config.js';
export { REFERENCE_METRIC_OPS } from './reference-metric-ops.js';

// Metadata helpers (spec §3.4, §9.7)
export { convertToMrisToProjectIdsMapping } from './convert-to-mris-to-project-ids-mapping.js';
export { codePointLength } from './code-point-length.js';
