import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from '../mongo/is-duplicate-key-error.js';
import { memoizeUntilSuccess } from '../mongo/memoize-until-success.js';
import { neverSetState, stateAfter, type OptionChange } from './option-change.js';
import type { OptionStore, OptionWriteResult } from './option-store.js';
import { fromStoredOptionValue, toStoredOptionValue, type StoredOptionValue } from './stored-option-value.js';

export const OPTION_CHANGES_COLLECTION = 'option_changes';

/** One audit-trail entry; `_id` is the global version, so versions are unique without another index. */
interface ChangeDoc {
  _id: number;
  name: string;
  previousVersion: number;
  previousValue: StoredOptionValue | null;
  newValue: StoredOptionValue | null;
  changedAt: Date;
  author: string;
}

export interface MongoOptionStoreOptions {
  /** Attempts at a write that keeps losing races before it gives up; default 50. */
  maxWriteAttempts?: number;
  now?: () => Date;
}

/**
 * OptionStore on one MongoDB collection, without transactions. A write inserts the change with
 * `_id = newest version + 1` and `previousVersion = the option's version`; two unique indexes (`_id`, and
 * `name + previousVersion`) make a racing write fail with 11000, after which it re-reads and retries (or reports a
 * version mismatch). A version can only be inserted once the one before it exists, so versions are contiguous and
 * become visible in order: a poller reading "changes after N" never skips one.
 */
export function createMongoOptionStore(
  db: Db,
  options: MongoOptionStoreOptions = {},
): OptionStore & {
  ensureIndexes(): Promise<void>;
} {
  const changes: Collection<ChangeDoc> = db.collection<ChangeDoc>(OPTION_CHANGES_COLLECTION);
  // Writes are only safe with the unique index in place; it is created once, on first need (again after a failure).
  const ensureIndexes = memoizeUntilSuccess(async () => {
    await changes.createIndex(
      { name: 1, previousVersion: 1 },
      { unique: true, name: 'name_previous_version' },
    );
    await changes.createIndex({ name: 1, _id: -1 }, { name: 'name_version' });
  });
  const maxAttempts = options.maxWriteAttempts ?? 50;
  const now = options.now ?? (() => new Date());

  const latestOf = (name: string, atOrBefore?: number) =>
    changes.findOne(atOrBefore === undefined ? { name } : { name, _id: { $lte: atOrBefore } }, {
      sort: { _id: -1 },
    });
  const currentVersion = async (): Promise<number> => {
    const top = await changes.findOne({}, { sort: { _id: -1 }, projection: { _id: 1 } });
    return top === null ? 0 : Number(top._id);
  };

  return {
    ensureIndexes,
    currentVersion,
    async state(name) {
      const doc = await latestOf(name);
      return doc === null ? neverSetState(name) : stateAfter(fromDoc(doc));
    },
    async snapshot(names) {
      const version = await currentVersion();
      const docs = await Promise.all(names.map((name) => latestOf(name, version)));
      return {
        version,
        options: names.map((name, i) => {
          const doc = docs[i];
          return doc === null || doc === undefined ? neverSetState(name) : stateAfter(fromDoc(doc));
        }),
      };
    },
    async write({ name, value, expectedVersion, author }): Promise<OptionWriteResult> {
      await ensureIndexes();
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const latest = await latestOf(name);
        const previous = latest === null ? undefined : fromDoc(latest);
        const optionVersion = previous?.version ?? 0;
        if (expectedVersion !== undefined && expectedVersion !== optionVersion) {
          return { ok: false, reason: 'version_mismatch', currentVersion: optionVersion };
        }
        if (value === undefined && previous?.newValue === undefined) {
          const state = previous === undefined ? neverSetState(name) : stateAfter(previous);
          return { ok: true, state, change: undefined };
        }
        const doc: ChangeDoc = {
          _id: (await currentVersion()) + 1,
          name,
          previousVersion: optionVersion,
          previousValue: latest?.newValue ?? null,
          newValue: value === undefined ? null : toStoredOptionValue(value),
          changedAt: now(),
          author,
        };
        try {
          await changes.insertOne(doc);
          const change = fromDoc(doc);
          return { ok: true, state: stateAfter(change), change };
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          // Another write took this version or changed this option first: re-read and try again.
          await new Promise((resolve) =>
            setTimeout(resolve, Math.random() * Math.min(50, 2 * (attempt + 1))),
          );
        }
      }
      return { ok: false, reason: 'contention' };
    },
    async listChanges({ name, beforeVersion, limit }) {
      const filter: Record<string, unknown> = {};
      if (name !== undefined) filter['name'] = name;
      if (beforeVersion !== undefined) filter['_id'] = { $lt: beforeVersion };
      const docs = await changes.find(filter).sort({ _id: -1 }).limit(limit).toArray();
      return docs.map(fromDoc);
    },
    async changesAfter(afterVersion, limit) {
      const docs = await changes
        .find({ _id: { $gt: afterVersion } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map(fromDoc);
    },
  };
}

function fromDoc(doc: ChangeDoc): OptionChange {
  return {
    version: Number(doc._id),
    name: doc.name,
    previousVersion: Number(doc.previousVersion),
    previousValue: doc.previousValue === null ? undefined : fromStoredOptionValue(doc.previousValue),
    newValue: doc.newValue === null ? undefined : fromStoredOptionValue(doc.newValue),
    changedAt: doc.changedAt,
    author: doc.author,
  };
}
