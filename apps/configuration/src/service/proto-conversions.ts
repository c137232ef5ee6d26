import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { configuration, configurationOptions } from '@mindex/proto';
import {
  optionValueToWire,
  type OptionDefinition,
  type OptionType,
  type OptionValue,
} from '@mindex/runtime-options';
import {
  UseCaseApiAccess,
  UseCaseKey,
  type UseCaseId,
  type UseCaseRegistry,
} from '@mindex/use-case-registry';
import type { IngestConfiguration } from '../ingest/ingest-configurations.js';
import type { OptionChange, OptionState } from '../options/option-change.js';

const OPTION_TYPES: Readonly<Record<OptionType, configurationOptions.OptionType>> = {
  bool: configurationOptions.OptionType.BOOL,
  int: configurationOptions.OptionType.INT,
  double: configurationOptions.OptionType.DOUBLE,
  string: configurationOptions.OptionType.STRING,
  'quota-list': configurationOptions.OptionType.QUOTA_LIST,
  'string-list': configurationOptions.OptionType.STRING_LIST,
  'rate-map': configurationOptions.OptionType.RATE_MAP,
};

export function toProtoOptionValue(value: OptionValue): configurationOptions.OptionValue {
  return create(configurationOptions.OptionValueSchema, optionValueToWire(value));
}

export function toProtoOption(definition: OptionDefinition, state: OptionState): configurationOptions.Option {
  return create(configurationOptions.OptionSchema, {
    name: definition.name,
    type: OPTION_TYPES[definition.type],
    value: toProtoOptionValue(state.value ?? definition.defaultValue),
    defaultValue: toProtoOptionValue(definition.defaultValue),
    isDefault: state.value === undefined,
    version: BigInt(state.version),
    updatedAt: state.updatedAt === undefined ? undefined : timestampFromDate(state.updatedAt),
    updatedBy: state.updatedBy,
    description: definition.description,
  });
}

export function toProtoOptionChange(change: OptionChange): configurationOptions.OptionChange {
  return create(configurationOptions.OptionChangeSchema, {
    version: BigInt(change.version),
    name: change.name,
    previousValue: change.previousValue === undefined ? undefined : toProtoOptionValue(change.previousValue),
    newValue: change.newValue === undefined ? undefined : toProtoOptionValue(change.newValue),
    changedAt: timestampFromDate(change.changedAt),
    author: change.author,
  });
}

export function toProtoUseCaseKey(key: UseCaseKey): configuration.UseCaseKey {
  return key === UseCaseKey.RELEASE_HEALTH
    ? configuration.UseCaseKey.RELEASE_HEALTH
    : configuration.UseCaseKey.PERFORMANCE;
}

export function toProtoUseCase(registry: UseCaseRegistry, id: UseCaseId): configuration.UseCase {
  const key = registry.metricPath(id);
  const writes = registry.writesLimitOptionNames(id);
  return create(configuration.UseCaseSchema, {
    id,
    useCaseKey: key === undefined ? configuration.UseCaseKey.UNSPECIFIED : toProtoUseCaseKey(key),
    apiAccess:
      registry.apiAccess(id) === UseCaseApiAccess.PUBLIC
        ? configuration.ApiAccess.PUBLIC
        : configuration.ApiAccess.PRIVATE,
    writesLimitPerOrgOption: writes.perOrg,
    writesLimitGlobalOption: writes.global,
    cardinalityLimitOption: registry.cardinalityLimitOptionName(id),
  });
}

export function toProtoIngestConfiguration(config: IngestConfiguration): configuration.IngestConfiguration {
  return create(configuration.IngestConfigurationSchema, {
    useCaseKey: toProtoUseCaseKey(config.useCaseKey),
    useCaseKeyValue: config.useCaseKey,
    dbBackend: config.dbBackend,
    dbBackendOptions: { ...config.dbBackendOptions },
    inputTopic: config.inputTopic,
    outputTopic: config.outputTopic,
    dlqTopic: config.dlqTopic,
    internalMetricsTag: config.internalMetricsTag,
    writesLimiterNamespace: config.writesLimiterNamespace,
    writesLimiterClusterOptions: { ...config.writesLimiterClusterOptions },
    cardinalityLimiterNamespace: config.cardinalityLimiterNamespace,
    cardinalityLimiterClusterOptions: { ...config.cardinalityLimiterClusterOptions },
    cardinalityLimiterRolloutOption: config.cardinalityLimiterRolloutOption,
    shouldIndexTagValues: config.shouldIndexTagValues,
    schemaValidationRuleOptionName: config.schemaValidationRuleOptionName,
    isOutputSliced: config.isOutputSliced,
    maxNameLength: config.maxNameLength,
    maxTagKeyLength: config.maxTagKeyLength,
    maxTagValueLength: config.maxTagValueLength,
  });
}
