/** Ids at or above this are static shared strings: the same id in every organization and use case. */
export const STATIC_ID_FLOOR = 1n << 63n;

export interface LedgerEntry {
  readonly useCase: string;
  readonly orgId: bigint;
  readonly string: string;
  readonly id: bigint;
}

/**
 * Every (use case, org, string) → id a client was ever given. Conflicts are the bugs the suite hunts: a key
 * given two ids, or one id given to two keys (a duplicate id).
 */
export interface IdLedger {
  observe(useCase: string, orgId: bigint, string: string, id: bigint): void;
  /** The id first observed for a key. */
  idOf(useCase: string, orgId: bigint, string: string): bigint | undefined;
  readonly conflicts: readonly string[];
  readonly size: number;
  entries(): LedgerEntry[];
  /** Entries grouped per (use case, org), for bulk calls. */
  groups(): { useCase: string; orgId: bigint; entries: LedgerEntry[] }[];
}

const keyOf = (useCase: string, orgId: bigint, string: string) =>
  JSON.stringify([useCase, String(orgId), string]);

export function createIdLedger(): IdLedger {
  const byKey = new Map<string, LedgerEntry>();
  const byId = new Map<bigint, LedgerEntry>();
  const conflicts: string[] = [];
  return {
    observe(useCase, orgId, string, id) {
      const key = keyOf(useCase, orgId, string);
      const entry = { useCase, orgId, string, id };
      const known = byKey.get(key);
      if (known === undefined) byKey.set(key, entry);
      else if (known.id !== id) conflicts.push(`${key} got ids ${known.id} and ${id}`);
      const owner = byId.get(id);
      if (owner === undefined) byId.set(id, entry);
      else {
        // A static id stands for one string everywhere; a stored id for one (use case, org, string).
        const same =
          id >= STATIC_ID_FLOOR
            ? owner.string === string
            : owner.string === string && owner.orgId === orgId && owner.useCase === useCase;
        if (!same) {
          conflicts.push(`id ${id} given to ${keyOf(owner.useCase, owner.orgId, owner.string)} and ${key}`);
        }
      }
    },
    idOf: (useCase, orgId, string) => byKey.get(keyOf(useCase, orgId, string))?.id,
    conflicts,
    get size() {
      return byKey.size;
    },
    entries: () => [...byKey.values()],
    groups() {
      const groups = new Map<string, { useCase: string; orgId: bigint; entries: LedgerEntry[] }>();
      for (const entry of byKey.values()) {
        const groupKey = `${entry.useCase}/${entry.orgId}`;
        let group = groups.get(groupKey);
        if (group === undefined) {
          group = { useCase: entry.useCase, orgId: entry.orgId, entries: [] };
          groups.set(groupKey, group);
        }
        group.entries.push(entry);
      }
      return [...groups.values()];
    },
  };
}

/** Splits `items` into chunks of at most `size` (request caps). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
