import { getAvailableOperations, type AvailableOperationsResult } from './get-available-operations.js';
import type { OperationsConfiguration } from './operations-configuration.js';
import type { ParsedMri } from './parsed-mri.js';

/** The MRI's available ops minus the hidden ones, keeping their sorted order (`_build_metric_meta`). */
export function visibleOperations(
  parsed: ParsedMri,
  config: OperationsConfiguration,
): AvailableOperationsResult {
  const available = getAvailableOperations(parsed);
  if (!available.ok) return available;
  return { ok: true, operations: available.operations.filter((op) => !config.isHidden(op)) };
}
