/** The four parts of an MRI, `<entity>:<namespace>/<name>@<unit>` (spec §2.1, §2.3). */
export interface ParsedMri {
  /** The type letter: `c`, `s`, `d`, `g`, `e` (or anything else the permissive grammar accepts). */
  readonly entity: string;
  /** The use-case namespace, e.g. `sessions`, `spans`, `custom`. */
  readonly namespace: string;
  readonly name: string;
  /** The verbatim unit, opaque to the parser. */
  readonly unit: string;
}

/** Joins the parts back into `<entity>:<namespace>/<name>@<unit>` (Sentry's `ParsedMRI.mri_string`). */
export function mriString(parsed: ParsedMri): string {
  return `${parsed.entity}:${parsed.namespace}/${parsed.name}@${parsed.unit}`;
}
