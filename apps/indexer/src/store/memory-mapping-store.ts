import type {
  IdBlockSource,
  InsertOutcome,
  MappingQuery,
  MappingScope,
  MappingStore,
  NewMapping,
  StoredMapping,
} from './mapping-store.js';

interface Row {
  readonly scope: MappingScope;
  readonly orgId: bigint;
  readonly string: string;
  readonly id: bigint;
  readonly retentionDays: number;
  readonly addedMs: number;
  lastSeenMs: number;
}

export interface MemoryMappingStore extends MappingStore {
  /** Every row, for assertions. */
  rows(): readonly Readonly<Row>[];
  /** Sets a row's last seen, for tests of the last-seen updater and retention. */
  setLastSeen(id: bigint, lastSeenMs: number): void;
}

const DAY_MS = 86_400_000;

/** An in-memory MappingStore with the same uniqueness rules as the MongoDB one (for unit tests). */
export function createMemoryMappingStore(): MemoryMappingStore {
  // path → use case → org → string → row
  const byKey = new Map<string, Map<string, Map<bigint, Map<string, Row>>>>();
  const byId = new Map<bigint, Row>();

  const orgRows = (scope: MappingScope, orgId: bigint, create: boolean): Map<string, Row> | undefined => {
    let useCases = byKey.get(scope.path);
    if (useCases === undefined) {
      if (!create) return undefined;
      byKey.set(scope.path, (useCases = new Map()));
    }
    let orgs = useCases.get(scope.useCase);
    if (orgs === undefined) {
      if (!create) return undefined;
      useCases.set(scope.useCase, (orgs = new Map()));
    }
    let strings = orgs.get(orgId);
    if (strings === undefined) {
      if (!create) return undefined;
      orgs.set(orgId, (strings = new Map()));
    }
    return strings;
  };

  const sameScope = (a: MappingScope, b: MappingScope) => a.path === b.path && a.useCase === b.useCase;
  const stored = (row: Row): StoredMapping => ({
    id: row.id,
    string: row.string,
    lastSeenMs: row.lastSeenMs,
    addedMs: row.addedMs,
  });

  return {
    async find(queries: readonly MappingQuery[]) {
      return queries.map((query) => {
        const rows = orgRows(query.scope, query.orgId, false);
        const found = new Map<string, StoredMapping>();
        for (const string of query.strings) {
          const row = rows?.get(string);
          if (row !== undefined) found.set(string, stored(row));
        }
        return found;
      });
    },
    async insert(mappings: readonly NewMapping[]): Promise<InsertOutcome> {
      let inserted = 0;
      const duplicates: number[] = [];
      for (const [index, mapping] of mappings.entries()) {
        const rows = orgRows(mapping.scope, mapping.orgId, true)!;
        if (rows.has(mapping.string) || byId.has(mapping.id)) {
          duplicates.push(index);
          continue;
        }
        const row: Row = { ...mapping, lastSeenMs: mapping.addedMs };
        rows.set(mapping.string, row);
        byId.set(mapping.id, row);
        inserted++;
      }
      return { inserted, duplicates };
    },
    async findByIds(scope, orgId, ids) {
      const found: StoredMapping[] = [];
      for (const id of new Set(ids)) {
        const row = byId.get(id);
        if (row !== undefined && row.orgId === orgId && sameScope(row.scope, scope)) found.push(stored(row));
      }
      return found;
    },
    async touch(ids, staleBeforeMs, nowMs) {
      let touched = 0;
      for (const id of new Set(ids)) {
        const row = byId.get(id);
        if (row !== undefined && row.lastSeenMs < staleBeforeMs) {
          row.lastSeenMs = nowMs;
          touched++;
        }
      }
      return touched;
    },
    async deleteExpired(nowMs) {
      let deleted = 0;
      for (const row of [...byId.values()]) {
        if (row.lastSeenMs < nowMs - row.retentionDays * DAY_MS) {
          byId.delete(row.id);
          orgRows(row.scope, row.orgId, false)?.delete(row.string);
          deleted++;
        }
      }
      return deleted;
    },
    rows: () => [...byId.values()],
    setLastSeen(id, lastSeenMs) {
      const row = byId.get(id);
      if (row !== undefined) row.lastSeenMs = lastSeenMs;
    },
  };
}

/** An in-memory id source counting from `first` (for unit tests). */
export function createMemoryIdBlockSource(first = 1n): IdBlockSource {
  let next = first;
  return {
    async claim(minIds) {
      const range = { first: next, count: minIds };
      next += BigInt(minIds);
      return [range];
    },
  };
}
