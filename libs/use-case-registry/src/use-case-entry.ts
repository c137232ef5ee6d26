import type { UseCaseApiAccess } from './use-case-api-access.js';
import type { UseCaseId } from './use-case-id.js';
import type { UseCaseKey } from './use-case-key.js';

/** One row of a use-case registry. */
export interface UseCaseEntry {
  readonly id: UseCaseId;
  /** `METRIC_PATH_MAPPING[id]`: the pipeline and storage the use case's metrics go through. */
  readonly metricPath: UseCaseKey;
  /** Missing means PRIVATE ("do not leak internal metrics"). */
  readonly apiAccess?: UseCaseApiAccess;
  /** Writes-limit option prefix (`.per-org` / `.global` are appended); missing means the generic fallback. */
  readonly writesLimitOptionPrefix?: string;
  /** Full cardinality-limit option name; missing means the generic fallback. */
  readonly cardinalityLimitOption?: string;
}
