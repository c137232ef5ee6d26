import type { ParsedMri } from './parsed-mri.js';

/** The release-health namespace: its MRIs live in the non-generic (`metrics_*`) entities. */
export const RELEASE_HEALTH_NAMESPACE = 'sessions';

/** Returned where Sentry raises KeyError: an entity letter with no Snuba entity for the MRI's namespace. */
export interface UnknownEntityError {
  readonly reason: 'unknown_entity';
  readonly message: string;
}

export function unknownEntityError(parsed: ParsedMri): UnknownEntityError {
  const kind = parsed.namespace === RELEASE_HEALTH_NAMESPACE ? 'release-health' : 'generic';
  return {
    reason: 'unknown_entity',
    message: `The entity "${parsed.entity}" of the MRI has no ${kind} metrics entity`,
  };
}
