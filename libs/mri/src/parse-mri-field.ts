import { MRI_SCHEMA_PATTERN, PYTHON_END_ANCHOR } from './mri-pattern.js';
import { OP_REGEX } from './op-regex.js';
import { toParsedMri } from './parse-mri.js';
import type { ParsedMri } from './parsed-mri.js';

/** An `op(MRI)` field such as `avg(d:transactions/duration@millisecond)` (spec §2.3). */
export interface ParsedMriField {
  readonly op: string;
  readonly mri: ParsedMri;
}

/** `MRI_EXPRESSION_REGEX`: `^<OP_REGEX>\((<schema>)\)$`, with Python's `$`. */
export const MRI_EXPRESSION_REGEX = new RegExp(
  `^${OP_REGEX}\\((${MRI_SCHEMA_PATTERN})\\)${PYTHON_END_ANCHOR}`,
  'u',
);

/** Parses `op(MRI)`; null for null/undefined, an unknown op, or a malformed MRI. */
export function parseMriField(field: string | null | undefined): ParsedMriField | null {
  if (field === null || field === undefined) return null;
  const match = MRI_EXPRESSION_REGEX.exec(field);
  const op = match?.[1];
  if (match?.groups === undefined || op === undefined) return null;
  return { op, mri: toParsedMri(match.groups) };
}

/** True when `parseMriField(field)` succeeds. */
export function isMriField(field: string | null | undefined): boolean {
  return parseMriField(field) !== null;
}

/** The display form `op(name)`: only the name, not the whole MRI (Sentry's `ParsedMRIField.__str__`). */
export function mriFieldString(field: ParsedMriField): string {
  return `${field.op}(${field.mri.name})`;
}
