import type { SnubaEntity } from './snuba-entity.js';

/** The classes an operation can belong to; a config enables whole classes (spec §3.3, later design). */
export const MetricOpClass = {
  GENERAL: 'general',
  TIMESTAMP: 'timestamp',
  PERCENTILE: 'percentile',
} as const;
export type MetricOpClass = (typeof MetricOpClass)[keyof typeof MetricOpClass];

/** One operation of one entity (`MetricOp`). */
export interface MetricOp {
  readonly entityKey: SnubaEntity;
  readonly name: string;
  readonly snubaFn: string;
  /** Usually a MetricOpClass; any string is accepted, as in the reference. */
  readonly operationClass: string;
  /** The aggregate's value over no data; null when it has none. */
  readonly defaultAggregate: number | null;
}
