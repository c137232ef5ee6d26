import { AsciiLookup } from './ascii-lookup.js';
import { SHARED_STRING_GROUPS, SHARED_STRING_PREFIX } from './shared-strings-table.js';

/** The static shared strings (spec §4.4): one id for every organization and use case. */
export interface SharedStrings {
  /** `resolve_shared_org`: the shared id of a string, if it is shared. */
  idOf(string: string): bigint | undefined;
  /** `idOf` of the string whose UTF-8 is the ASCII bytes `[start, end)` of `view`, given their `asciiHash` (no string made). */
  idOfAscii(hash: number, view: DataView, start: number, end: number): bigint | undefined;
  /** `reverse_shared_org_resolve`: the shared string of an id, if it is one. */
  stringOf(id: bigint): string | undefined;
  /** Every shared string with its id. */
  entries(): IterableIterator<[string, bigint]>;
  readonly size: number;
}

/** Thrown when the static table holds a duplicate string or id (Sentry asserts the same at import). */
export class SharedStringsTableError extends Error {
  readonly reason = 'duplicate_shared_string';
  constructor(message: string) {
    super(message);
    this.name = 'SharedStringsTableError';
  }
}

/** Builds the lookup tables of the reference table (or of the given groups, for tests). */
export function createSharedStrings(
  groups: Readonly<Record<string, readonly (readonly [string, number])[]>> = SHARED_STRING_GROUPS,
): SharedStrings {
  const byString = new Map<string, bigint>();
  const byId = new Map<bigint, string>();
  for (const entries of Object.values(groups)) {
    for (const [string, offset] of entries) {
      const id = SHARED_STRING_PREFIX + BigInt(offset);
      if (byString.has(string))
        throw new SharedStringsTableError(`shared string ${JSON.stringify(string)} twice`);
      if (byId.has(id)) throw new SharedStringsTableError(`shared id ${id} twice`);
      byString.set(string, id);
      byId.set(id, string);
    }
  }
  const byAscii = new AsciiLookup(byString);
  return {
    idOf: (string) => byString.get(string),
    idOfAscii: (hash, view, start, end) => byAscii.get(hash, view, start, end),
    stringOf: (id) => byId.get(id),
    entries: () => byString.entries(),
    size: byString.size,
  };
}
