// Runtime options of the indexer and query services: definitions, defaults, validation, typed reads.
export {
  OPTION_TYPES,
  isOptionType,
  optionValuesEqual,
  type OptionType,
  type OptionValue,
  type OptionValueOf,
  type Quota,
} from './option-value.js';
export type { OptionConstraints, OptionDefinition } from './option-definition.js';
export {
  CARDINALITY_LIMIT_NAMESPACES,
  OPTION_NAMES,
  WRITES_LIMIT_NAMESPACES,
  cardinalityLimitOptionNameOf,
  writesLimitOptionName,
} from './option-names.js';
export {
  DEFAULT_CACHE_MAX_BYTES,
  DEFAULT_CACHE_MAX_ENTRIES,
  DEFAULT_CACHE_TTL_SECONDS,
  DEFAULT_CARDINALITY_QUOTA,
  OPTION_DEFINITIONS,
  getOptionDefinition,
  listOptionDefinitions,
} from './option-definitions.js';
export {
  OPTION_VALUE_LIMITS,
  checkQuota,
  formatOptionValueError,
  validateAgainstDefinition,
  validateOptionValue,
  type OptionValueError,
  type OptionValueResult,
} from './validate-option-value.js';
export {
  createOptionsView,
  type OptionNameRegistry,
  type OptionsView,
  type WritesLimitQuotas,
} from './options-view.js';
export {
  WIRE_FIELD_OF_TYPE,
  optionValueFromWire,
  optionValueToWire,
  type WireOptionValue,
  type WireOptionValueInit,
  type WireOptionValueKind,
  type WireOptionValueResult,
  type WireQuota,
} from './wire-option-value.js';
export {
  optionValueFromJson,
  optionValueToJson,
  type JsonOptionValue,
  type JsonOptionValueResult,
} from './json-option-value.js';
