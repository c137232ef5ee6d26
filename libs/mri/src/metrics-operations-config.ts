import { MetricOpClass, type MetricOp } from './metric-op.js';
import type { SnubaEntity } from './snuba-entity.js';

export interface MetricsOperationsConfigOptions {
  readonly operations?: readonly MetricOp[];
  /** Defaults to `["general"]`. */
  readonly enabledClasses?: readonly string[];
}

/** The later, registration-based operations design (`MetricsOperationsConfig`, spec §3.3). */
export interface MetricsOperationsConfig {
  register(operation: MetricOp): void;
  /** Idempotent; appends to the enabled classes in call order. */
  enableClass(operationClass: string): void;
  disableClass(operationClass: string): void;
  enabledClasses(): readonly string[];
  /** The entity's ops of enabled classes, in registration order. */
  getAvailableOperationsForEntityKey(entityKey: SnubaEntity): readonly MetricOp[];
  getAvailableOperationNamesForEntityKey(entityKey: SnubaEntity): readonly string[];
  /** The first registered op of that entity and name, whatever its class. */
  getOperationForEntityKey(entityKey: SnubaEntity, name: string): MetricOp | undefined;
  /** Names of all ops of enabled classes, in registration order (repeats across entities kept). */
  getAllAvailableOperationNames(): readonly string[];
  getOperationsForClass(entityKey: SnubaEntity, operationClass: string): readonly string[];
  /** Op name → entity of enabled ops; a later registration of the same name wins. */
  getOpToEntityMapping(): ReadonlyMap<string, SnubaEntity>;
}

export function createMetricsOperationsConfig(
  options: MetricsOperationsConfigOptions = {},
): MetricsOperationsConfig {
  const operations: MetricOp[] = [...(options.operations ?? [])];
  const enabled: string[] = [...(options.enabledClasses ?? [MetricOpClass.GENERAL])];

  const enabledOps = (): MetricOp[] => operations.filter((op) => enabled.includes(op.operationClass));
  const enabledOpsOf = (entityKey: SnubaEntity): MetricOp[] =>
    enabledOps().filter((op) => op.entityKey === entityKey);

  return {
    register(operation) {
      operations.push(operation);
    },
    enableClass(operationClass) {
      if (!enabled.includes(operationClass)) enabled.push(operationClass);
    },
    disableClass(operationClass) {
      const index = enabled.indexOf(operationClass);
      if (index !== -1) enabled.splice(index, 1);
    },
    enabledClasses: () => [...enabled],
    getAvailableOperationsForEntityKey: enabledOpsOf,
    getAvailableOperationNamesForEntityKey: (entityKey) => enabledOpsOf(entityKey).map((op) => op.name),
    getOperationForEntityKey: (entityKey, name) =>
      operations.find((op) => op.entityKey === entityKey && op.name === name),
    getAllAvailableOperationNames: () => enabledOps().map((op) => op.name),
    getOperationsForClass: (entityKey, operationClass) =>
      enabledOpsOf(entityKey)
        .filter((op) => op.operationClass === operationClass)
        .map((op) => op.name),
    getOpToEntityMapping: () => new Map(enabledOps().map((op) => [op.name, op.entityKey])),
  };
}
