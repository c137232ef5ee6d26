import { describe, expect, it } from 'vitest';
import type { MetricOp } from './metric-op.js';
import { createMetricsOperationsConfig } from './metrics-operations-config.js';
import { REFERENCE_METRIC_OPS } from './reference-metric-ops.js';

const COUNTERS = 'generic_metrics_counters';
const DISTRIBUTIONS = 'generic_metrics_distributions';
const COUNTER_SUM: MetricOp = {
  entityKey: COUNTERS,
  name: 'sum',
  snubaFn: 'sumIf',
  operationClass: 'general',
  defaultAggregate: 0,
};
const COUNTER_MIN_TIMESTAMP: MetricOp = {
  entityKey: COUNTERS,
  name: 'min_timestamp',
  snubaFn: 'minIf',
  operationClass: 'timestamp',
  defaultAggregate: null,
};

// Spec §3.3, `test_metrics_operations_configuration.py`.
describe('MetricsOperationsConfig', () => {
  it('enables only the general class at first', () => {
    expect(createMetricsOperationsConfig().enabledClasses()).toEqual(['general']);
  });

  it('appends enabled classes in order', () => {
    const config = createMetricsOperationsConfig();
    config.enableClass('percentile');
    expect(config.enabledClasses()).toEqual(['general', 'percentile']);
  });

  it('lists an entity’s enabled ops in registration order as classes change', () => {
    const config = createMetricsOperationsConfig();
    config.register(COUNTER_SUM);
    config.register(COUNTER_MIN_TIMESTAMP);
    expect(config.getAvailableOperationNamesForEntityKey(DISTRIBUTIONS)).toEqual([]);
    expect(config.getAvailableOperationNamesForEntityKey(COUNTERS)).toEqual(['sum']);

    config.enableClass('timestamp');
    config.enableClass('timestamp');
    expect(config.enabledClasses()).toEqual(['general', 'timestamp']);
    expect(config.getAvailableOperationNamesForEntityKey(COUNTERS)).toEqual(['sum', 'min_timestamp']);

    config.disableClass('general');
    expect(config.getAvailableOperationNamesForEntityKey(COUNTERS)).toEqual(['min_timestamp']);
    expect(config.getAvailableOperationsForEntityKey(COUNTERS)).toEqual([COUNTER_MIN_TIMESTAMP]);
  });

  it('finds an op by entity and name whatever its class', () => {
    const config = createMetricsOperationsConfig({ operations: [COUNTER_SUM, COUNTER_MIN_TIMESTAMP] });
    expect(config.getOperationForEntityKey(COUNTERS, 'min_timestamp')).toBe(COUNTER_MIN_TIMESTAMP);
    expect(config.getOperationForEntityKey(DISTRIBUTIONS, 'sum')).toBeUndefined();
  });

  it('leaves a disabled class that was never enabled alone', () => {
    const config = createMetricsOperationsConfig({ enabledClasses: ['general', 'percentile'] });
    config.disableClass('timestamp');
    expect(config.enabledClasses()).toEqual(['general', 'percentile']);
  });

  it('does not let callers mutate its state through returned lists', () => {
    const config = createMetricsOperationsConfig();
    (config.enabledClasses() as string[]).push('timestamp');
    expect(config.enabledClasses()).toEqual(['general']);
  });

  describe('over the reference ops', () => {
    const config = () => createMetricsOperationsConfig({ operations: REFERENCE_METRIC_OPS });

    it.each([
      ['generic_metrics_counters', ['sum']],
      ['generic_metrics_distributions', ['avg', 'count', 'max', 'min', 'histogram', 'sum']],
      ['generic_metrics_sets', ['count_unique']],
      ['generic_metrics_gauges', ['min', 'max', 'sum', 'count', 'last', 'avg']],
    ] as const)('offers %s the general ops %j', (entity, names) => {
      expect(config().getAvailableOperationNamesForEntityKey(entity)).toEqual(names);
    });

    it('adds p50…p100 when percentiles are enabled', () => {
      const c = config();
      c.enableClass('percentile');
      expect(c.getOperationsForClass(DISTRIBUTIONS, 'percentile')).toEqual([
        'p50',
        'p75',
        'p90',
        'p95',
        'p99',
        'p100',
      ]);
      expect(c.getOperationForEntityKey(DISTRIBUTIONS, 'p100')?.snubaFn).toBe('quantilesIf(01.100)');
    });

    it('lists all available names and maps each name to its last registered entity', () => {
      const c = config();
      expect(c.getAllAvailableOperationNames()).toHaveLength(14);
      expect(c.getOpToEntityMapping()).toEqual(
        new Map([
          ['sum', 'generic_metrics_gauges'],
          ['avg', 'generic_metrics_gauges'],
          ['count', 'generic_metrics_gauges'],
          ['max', 'generic_metrics_gauges'],
          ['min', 'generic_metrics_gauges'],
          ['histogram', 'generic_metrics_distributions'],
          ['count_unique', 'generic_metrics_sets'],
          ['last', 'generic_metrics_gauges'],
        ]),
      );
    });

    it('gives counter sum a default aggregate of 0', () => {
      expect(config().getOperationForEntityKey(COUNTERS, 'sum')?.defaultAggregate).toBe(0);
    });
  });
});
