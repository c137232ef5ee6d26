import { OPTION_NAMES } from '@mindex/runtime-options';
import { UseCaseKey } from '@mindex/use-case-registry';

/** `MAX_INDEXED_COLUMN_LENGTH` (spec §6.1): names, tag keys and indexed tag values. */
export const MAX_INDEXED_COLUMN_LENGTH = 200;
/** `GenericMetricsTagsValidator.MAX_TAG_VALUE_LENGTH` (spec §7.3): generic tag values are not indexed. */
export const MAX_GENERIC_TAG_VALUE_LENGTH = 1000;

/** An ingest pipeline's configuration (`MetricsIngestConfiguration`, spec §6.2 and §6.3). */
export interface IngestConfiguration {
  readonly useCaseKey: UseCaseKey;
  readonly dbBackend: string;
  readonly dbBackendOptions: Readonly<Record<string, string>>;
  readonly inputTopic: string;
  readonly outputTopic: string;
  readonly dlqTopic: string;
  readonly internalMetricsTag: string;
  readonly writesLimiterNamespace: string;
  readonly writesLimiterClusterOptions: Readonly<Record<string, string>>;
  readonly cardinalityLimiterNamespace: string;
  readonly cardinalityLimiterClusterOptions: Readonly<Record<string, string>>;
  readonly cardinalityLimiterRolloutOption: string;
  readonly shouldIndexTagValues: boolean;
  readonly schemaValidationRuleOptionName: string;
  readonly isOutputSliced: boolean;
  readonly maxNameLength: number;
  readonly maxTagKeyLength: number;
  readonly maxTagValueLength: number;
}

// SENTRY_METRICS_INDEXER_CARDINALITY_LIMITER_OPTIONS(_PERFORMANCE), 2024 (spec §5.2).
const CARDINALITY_CLUSTER_OPTIONS = { cluster: 'default', num_shards: '1', num_physical_shards: '1' };

/** The two reference configurations (spec §6.3), release health first; storage is MongoDB here. */
export const INGEST_CONFIGURATIONS: readonly IngestConfiguration[] = [
  {
    useCaseKey: UseCaseKey.RELEASE_HEALTH,
    dbBackend: 'mongodb',
    dbBackendOptions: {},
    inputTopic: 'ingest-metrics',
    outputTopic: 'snuba-metrics',
    dlqTopic: 'ingest-metrics-dlq',
    internalMetricsTag: 'release-health',
    writesLimiterNamespace: 'releasehealth',
    writesLimiterClusterOptions: {},
    cardinalityLimiterNamespace: 'releasehealth',
    cardinalityLimiterClusterOptions: CARDINALITY_CLUSTER_OPTIONS,
    cardinalityLimiterRolloutOption: OPTION_NAMES.cardinalityRolloutRateReleaseHealth,
    shouldIndexTagValues: true,
    schemaValidationRuleOptionName: OPTION_NAMES.releaseHealthSchemaValidationRules,
    isOutputSliced: false,
    maxNameLength: MAX_INDEXED_COLUMN_LENGTH,
    maxTagKeyLength: MAX_INDEXED_COLUMN_LENGTH,
    maxTagValueLength: MAX_INDEXED_COLUMN_LENGTH,
  },
  {
    useCaseKey: UseCaseKey.PERFORMANCE,
    dbBackend: 'mongodb',
    dbBackendOptions: {},
    inputTopic: 'ingest-performance-metrics',
    outputTopic: 'snuba-generic-metrics',
    dlqTopic: 'ingest-generic-metrics-dlq',
    internalMetricsTag: 'perf',
    writesLimiterNamespace: 'performance',
    writesLimiterClusterOptions: {},
    cardinalityLimiterNamespace: 'performance',
    cardinalityLimiterClusterOptions: CARDINALITY_CLUSTER_OPTIONS,
    cardinalityLimiterRolloutOption: OPTION_NAMES.cardinalityRolloutRatePerformance,
    shouldIndexTagValues: false,
    schemaValidationRuleOptionName: OPTION_NAMES.genericMetricsSchemaValidationRules,
    isOutputSliced: false,
    maxNameLength: MAX_INDEXED_COLUMN_LENGTH,
    maxTagKeyLength: MAX_INDEXED_COLUMN_LENGTH,
    maxTagValueLength: MAX_GENERIC_TAG_VALUE_LENGTH,
  },
];
