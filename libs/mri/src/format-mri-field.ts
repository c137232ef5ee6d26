import { mriFieldString, parseMriField } from './parse-mri-field.js';

/** `avg(c:transactions/foo@none)` → `avg(foo)`; anything that is not a field comes back unchanged. */
export function formatMriField(field: string): string {
  const parsed = parseMriField(field);
  return parsed === null ? field : mriFieldString(parsed);
}
