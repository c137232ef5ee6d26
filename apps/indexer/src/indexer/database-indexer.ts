import type { UseCaseId } from '@mindex/use-case-registry';
import type { WritesLimiter, WritesLimitState } from '../limiters/writes-limiter.js';
import type {
  MappingQuery,
  MappingScope,
  MappingStore,
  NewMapping,
  StoredMapping,
} from '../store/mapping-store.js';
import { FetchType } from './fetch-type.js';
import type { IdAllocator } from './id-allocator.js';
import type { IdOutcome, KeyGroup, StringIndexer, StringOutcome } from './string-indexer.js';

export interface DatabaseIndexerDeps {
  store: MappingStore;
  ids: IdAllocator;
  writesLimiter: WritesLimiter;
  /** The storage scope of a (validated) use case. */
  scopeOf: (useCase: UseCaseId) => MappingScope;
  /** Told about every mapping read from the database, so that stale last-seen values get bumped. */
  onRead: (mapping: StoredMapping, nowMs: number) => void;
  now: () => number;
  retentionDays: number;
  /** Insert rounds for keys whose insert lost on an id (not key) collision before giving up. */
  maxInsertAttempts?: number;
  /** Throws once the call being served ended; called between round trips so dead calls stop working. */
  checkpoint?: () => void;
}

/** Thrown when a mapping cannot be created although the database accepted the writes (a broken invariant). */
export class MappingNotCreatedError extends Error {
  readonly reason = 'mapping_not_created';
  constructor(count: number) {
    super(`${count} mapping(s) still missing after inserting them`);
    this.name = 'MappingNotCreatedError';
  }
}

/** The distinct strings of one use case and org, in first-seen order. */
interface MergedGroup {
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
  readonly scope: MappingScope;
  readonly strings: string[];
  readonly seen: Set<string>;
  /** Outcomes per distinct string, filled layer by layer. */
  readonly outcomes: Map<string, StringOutcome>;
}

interface MergedGroups {
  readonly list: readonly MergedGroup[];
  get(useCase: UseCaseId, orgId: bigint): MergedGroup;
}

/**
 * The database layer (spec §4.6): strings the cache missed get their stored ids (DB_READ) or new ones
 * (FIRST_SEEN) within the writes limits (RATE_LIMITED). Strings are merged per (use case, org) first, so a
 * call does one limiter check, one `insertMany`, and at most one read; use cases of both paths may be mixed.
 */
export function createDatabaseIndexer(deps: DatabaseIndexerDeps): StringIndexer {
  const checkpoint = deps.checkpoint ?? (() => undefined);
  const maxAttempts = deps.maxInsertAttempts ?? 3;

  const merge = (groups: readonly KeyGroup[]): MergedGroups => {
    const byUseCase = new Map<UseCaseId, Map<bigint, MergedGroup>>();
    const list: MergedGroup[] = [];
    for (const group of groups) {
      let orgs = byUseCase.get(group.useCase);
      if (orgs === undefined) byUseCase.set(group.useCase, (orgs = new Map()));
      let target = orgs.get(group.orgId);
      if (target === undefined) {
        target = {
          useCase: group.useCase,
          orgId: group.orgId,
          scope: deps.scopeOf(group.useCase),
          strings: [],
          seen: new Set(),
          outcomes: new Map(),
        };
        orgs.set(group.orgId, target);
        list.push(target);
      }
      for (const string of group.strings) {
        if (target.seen.has(string)) continue;
        target.seen.add(string);
        target.strings.push(string);
      }
    }
    return { list, get: (useCase, orgId) => byUseCase.get(useCase)!.get(orgId)! };
  };

  const answer = <T>(
    groups: readonly KeyGroup[],
    merged: MergedGroups,
    pick: (outcome: StringOutcome | undefined) => T,
  ): T[][] =>
    groups.map((group) => {
      const m = merged.get(group.useCase, group.orgId);
      return group.strings.map((string) => pick(m.outcomes.get(string)));
    });

  /**
   * Reads the stored mappings of the strings without an outcome. `fetchTypeOf` says how each was obtained;
   * with `track`, DB_READ mappings are reported to `onRead` (last-seen bumps).
   */
  const read = async (
    merged: readonly MergedGroup[],
    fetchTypeOf: (mapping: StoredMapping) => FetchType,
    nowMs: number,
    track: boolean,
  ) => {
    const queries: MappingQuery[] = [];
    const targets: MergedGroup[] = [];
    for (const m of merged) {
      const pending = m.strings.filter((s) => !m.outcomes.has(s));
      if (pending.length === 0) continue;
      queries.push({ scope: m.scope, orgId: m.orgId, strings: pending });
      targets.push(m);
    }
    if (queries.length === 0) return;
    checkpoint();
    const results = await deps.store.find(queries);
    results.forEach((found, q) => {
      const m = targets[q]!;
      for (const [string, mapping] of found) {
        const fetchType = fetchTypeOf(mapping);
        m.outcomes.set(string, { id: mapping.id, fetchType, globalQuota: false });
        if (track && fetchType === FetchType.DB_READ) deps.onRead(mapping, nowMs);
      }
    });
  };

  const unresolved = (merged: readonly MergedGroup[]): KeyGroup[] =>
    merged.flatMap((m) => {
      const strings = m.strings.filter((s) => !m.outcomes.has(s));
      return strings.length === 0 ? [] : [{ useCase: m.useCase, orgId: m.orgId, strings }];
    });

  /**
   * Stores the accepted strings that have no outcome yet under fresh ids. The insert skips strings stored
   * already (or by a concurrent writer); those are read back: DB_READ when created before this call started,
   * else FIRST_SEEN (the race's winner). A row refused for its id alone (never expected) gets another id.
   */
  const insert = async (merged: MergedGroups, state: WritesLimitState, nowMs: number) => {
    for (const dropped of state.dropped) {
      merged.get(dropped.useCase, dropped.orgId).outcomes.set(dropped.string, {
        id: undefined,
        fetchType: FetchType.RATE_LIMITED,
        globalQuota: dropped.globalQuota,
      });
    }
    const accepted = state.accepted.map((g) => merged.get(g.useCase, g.orgId));
    for (let attempt = 1; ; attempt++) {
      const rows: NewMapping[] = [];
      const owners: MergedGroup[] = [];
      for (const m of accepted) {
        for (const string of m.strings) {
          if (m.outcomes.has(string)) continue;
          rows.push({
            scope: m.scope,
            orgId: m.orgId,
            string,
            id: 0n,
            retentionDays: deps.retentionDays,
            addedMs: nowMs,
          });
          owners.push(m);
        }
      }
      if (rows.length === 0) break;
      if (attempt > maxAttempts) throw new MappingNotCreatedError(rows.length);
      checkpoint();
      const ids = await deps.ids.allocate(rows.length);
      const outcome = await deps.store.insert(rows.map((row, i) => ({ ...row, id: ids[i]! })));
      const refused = new Set(outcome.duplicates);
      rows.forEach((row, i) => {
        if (refused.has(i)) return;
        owners[i]!.outcomes.set(row.string, {
          id: ids[i]!,
          fetchType: FetchType.FIRST_SEEN,
          globalQuota: false,
        });
      });
      if (refused.size === 0) break;
      const existedBefore = (mapping: StoredMapping) =>
        mapping.addedMs <= nowMs ? FetchType.DB_READ : FetchType.FIRST_SEEN;
      await read(accepted, existedBefore, nowMs, true);
    }
    // Only created strings consume quota (spec §5.1), after the insert succeeded.
    await state.use((useCase, orgId) => {
      let created = 0;
      for (const outcome of merged.get(useCase, orgId).outcomes.values()) {
        if (outcome.fetchType === FetchType.FIRST_SEEN) created++;
      }
      return created;
    });
  };

  return {
    /**
     * Insert first: most strings that miss the cache are new, so the common cold call is one insert and no
     * read (on FerretDB a multi-string read scans the collection). When the writes limiter would drop strings
     * it must only count strings missing from the database, so that call reads first as Sentry does
     * (DB_READ → limiter → insert).
     */
    async bulkRecord(groups) {
      const nowMs = deps.now();
      const timestampSeconds = Math.floor(nowMs / 1000);
      const merged = merge(groups);
      checkpoint();
      let state = await deps.writesLimiter.check(unresolved(merged.list), timestampSeconds);
      if (state.dropped.length > 0) {
        await read(merged.list, () => FetchType.DB_READ, nowMs, true);
        checkpoint();
        state = await deps.writesLimiter.check(unresolved(merged.list), timestampSeconds);
      }
      await insert(merged, state, nowMs);
      return answer(groups, merged, (outcome) => outcome!);
    },
    async bulkResolve(groups) {
      const merged = merge(groups);
      await read(merged.list, () => FetchType.DB_READ, deps.now(), false);
      return answer(groups, merged, (outcome) => outcome);
    },
    async reverseResolve(useCase, orgId, id) {
      const [found] = await deps.store.findByIds(deps.scopeOf(useCase), orgId, [id]);
      return found === undefined ? undefined : { string: found.string, fetchType: FetchType.DB_READ };
    },
    async bulkReverseResolve(useCase, orgId, ids) {
      const found = await deps.store.findByIds(deps.scopeOf(useCase), orgId, ids);
      return new Map<bigint, IdOutcome>(
        found.map((mapping) => [mapping.id, { string: mapping.string, fetchType: FetchType.DB_READ }]),
      );
    },
  };
}
