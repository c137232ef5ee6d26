import type { UseCaseId } from '@mindex/use-case-registry';
import type { WritesLimiter } from '../limiters/writes-limiter.js';
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
 * The database layer (spec §4.6): DB read (DB_READ) → writes limiter → insert ignoring duplicates → read back
 * (FIRST_SEEN). Strings are merged per (use case, org) first, so a call does one `find` for all groups,
 * one `insertMany`, and one read back; use cases of both metric paths may be mixed.
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

  const read = async (
    merged: readonly MergedGroup[],
    fetchType: FetchType,
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
        m.outcomes.set(string, { id: mapping.id, fetchType, globalQuota: false });
        if (track) deps.onRead(mapping, nowMs);
      }
    });
  };

  const create = async (merged: MergedGroups, nowMs: number): Promise<void> => {
    const unmapped: KeyGroup[] = [];
    for (const m of merged.list) {
      const strings = m.strings.filter((s) => !m.outcomes.has(s));
      if (strings.length > 0) unmapped.push({ useCase: m.useCase, orgId: m.orgId, strings });
    }
    if (unmapped.length === 0) return;
    const target = merged.get;

    checkpoint();
    const state = await deps.writesLimiter.check(unmapped, Math.floor(nowMs / 1000));
    for (const dropped of state.dropped) {
      target(dropped.useCase, dropped.orgId).outcomes.set(dropped.string, {
        id: undefined,
        fetchType: FetchType.RATE_LIMITED,
        globalQuota: dropped.globalQuota,
      });
    }
    if (state.accepted.length > 0) {
      const accepted = state.accepted.map((g) => target(g.useCase, g.orgId));
      for (let attempt = 1; ; attempt++) {
        const rows: NewMapping[] = [];
        for (const g of state.accepted) {
          const m = target(g.useCase, g.orgId);
          for (const string of g.strings) {
            if (m.outcomes.has(string)) continue;
            rows.push({ scope: m.scope, orgId: m.orgId, string, id: 0n, retentionDays: deps.retentionDays });
          }
        }
        if (rows.length === 0) break;
        if (attempt > maxAttempts) throw new MappingNotCreatedError(rows.length);
        checkpoint();
        const ids = await deps.ids.allocate(rows.length);
        await deps.store.insert(rows.map((row, i) => ({ ...row, id: ids[i]! })));
        // Read back: whoever won a race, every caller now sees the one stored id.
        await read(accepted, FetchType.FIRST_SEEN, nowMs, false);
      }
    }
    // Only a successful insert consumes quota (spec §5.1).
    await state.use();
  };

  return {
    async bulkRecord(groups) {
      const nowMs = deps.now();
      const merged = merge(groups);
      await read(merged.list, FetchType.DB_READ, nowMs, true);
      await create(merged, nowMs);
      return answer(groups, merged, (outcome) => outcome!);
    },
    async bulkResolve(groups) {
      const merged = merge(groups);
      await read(merged.list, FetchType.DB_READ, deps.now(), false);
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
