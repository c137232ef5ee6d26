import { AVAILABLE_GENERIC_OPERATIONS, AVAILABLE_OPERATIONS } from './available-operations.js';
import type { ParsedMri } from './parsed-mri.js';
import { ENTITY_KEY_MAPPING_GENERIC, ENTITY_KEY_MAPPING_NON_GENERIC, lookupEntity } from './snuba-entity.js';
import {
  RELEASE_HEALTH_NAMESPACE,
  unknownEntityError,
  type UnknownEntityError,
} from './unknown-entity-error.js';

export type AvailableOperationsResult =
  | { readonly ok: true; readonly operations: readonly string[] }
  | { readonly ok: false; readonly error: UnknownEntityError };

function lookupOperations(parsed: ParsedMri): readonly string[] | undefined {
  if (parsed.namespace === RELEASE_HEALTH_NAMESPACE) {
    const entity = lookupEntity(ENTITY_KEY_MAPPING_NON_GENERIC, parsed.entity);
    return entity === undefined ? undefined : AVAILABLE_OPERATIONS[entity];
  }
  const entity = lookupEntity(ENTITY_KEY_MAPPING_GENERIC, parsed.entity);
  return entity === undefined ? undefined : AVAILABLE_GENERIC_OPERATIONS[entity];
}

/**
 * `get_available_operations` (spec §2.4): the sorted ops of the MRI's entity, `[]` for derived (`e`)
 * metrics, and an error where Sentry raises KeyError (`g:sessions/…`, unknown letters such as `dist`).
 */
export function getAvailableOperations(parsed: ParsedMri): AvailableOperationsResult {
  if (parsed.entity === 'e') return { ok: true, operations: [] };
  const operations = lookupOperations(parsed);
  return operations === undefined
    ? { ok: false, error: unknownEntityError(parsed) }
    : { ok: true, operations };
}
