import type { ParsedMri } from './parsed-mri.js';
import {
  ENTITY_KEY_MAPPING_GENERIC,
  ENTITY_KEY_MAPPING_NON_GENERIC,
  lookupEntity,
  type SnubaEntity,
} from './snuba-entity.js';
import {
  RELEASE_HEALTH_NAMESPACE,
  unknownEntityError,
  type UnknownEntityError,
} from './unknown-entity-error.js';

export type SnubaEntityResult =
  | { readonly ok: true; readonly entity: SnubaEntity }
  | { readonly ok: false; readonly error: UnknownEntityError };

/**
 * The Snuba entity that stores an MRI: `metrics_*` for the `sessions` namespace, `generic_metrics_*`
 * otherwise. An error for `g:sessions/…`, derived (`e`) and unknown letters (`dist`, `t`).
 */
export function snubaEntityForMri(parsed: ParsedMri): SnubaEntityResult {
  const entity =
    parsed.namespace === RELEASE_HEALTH_NAMESPACE
      ? lookupEntity(ENTITY_KEY_MAPPING_NON_GENERIC, parsed.entity)
      : lookupEntity(ENTITY_KEY_MAPPING_GENERIC, parsed.entity);
  return entity === undefined ? { ok: false, error: unknownEntityError(parsed) } : { ok: true, entity };
}
