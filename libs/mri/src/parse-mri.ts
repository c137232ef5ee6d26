import { MRI_SCHEMA_REGEX } from './mri-pattern.js';
import type { ParsedMri } from './parsed-mri.js';

/**
 * Parses an MRI with the reference permissive grammar (spec §2.2, §2.3). Returns null for null/undefined
 * or when the string does not match. No trimming: surrounding spaces become part of the entity or unit.
 */
export function parseMri(s: string | null | undefined): ParsedMri | null {
  if (s === null || s === undefined) return null;
  const groups = MRI_SCHEMA_REGEX.exec(s)?.groups;
  if (groups === undefined) return null;
  return toParsedMri(groups);
}

/** True when `parseMri(s)` succeeds. */
export function isMri(s: string | null | undefined): boolean {
  return parseMri(s) !== null;
}

/** Builds a ParsedMri from the named groups of a successful match of the schema pattern. */
export function toParsedMri(groups: Readonly<Record<string, string | undefined>>): ParsedMri {
  // The four groups are mandatory in the pattern, so a match always has them.
  return {
    entity: groups['entity'] ?? '',
    namespace: groups['namespace'] ?? '',
    name: groups['name'] ?? '',
    unit: groups['unit'] ?? '',
  };
}
