import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '../mongo/is-duplicate-key-error.js';
import { memoizeUntilSuccess } from '../mongo/memoize-until-success.js';
import type { OrgOptionsStore, StoredOrgOptions } from './org-options-store.js';

export const ORG_OPTIONS_COLLECTION = 'organization_options';

type OrgOptionKey = keyof StoredOrgOptions;

/** One option of one organization. */
interface OrgOptionDoc {
  orgId: bigint;
  key: OrgOptionKey;
  value: boolean;
}

const KEYS: readonly OrgOptionKey[] = ['activatePercentiles', 'activateLastForGauges'];

/**
 * Organization options, one document per (org, option), so concurrent changes of different options never
 * overwrite each other (FerretDB applies an update as read-modify-write); the same option: last write wins.
 */
export function createMongoOrgOptionsStore(db: Db): OrgOptionsStore & { ensureIndexes(): Promise<void> } {
  const collection = db.collection<OrgOptionDoc>(ORG_OPTIONS_COLLECTION);
  const ensureIndexes = memoizeUntilSuccess(async () => {
    await collection.createIndex({ orgId: 1, key: 1 }, { unique: true, name: 'org_key' });
  });
  const read = async (orgId: bigint): Promise<StoredOrgOptions> => {
    const docs = await collection.find({ orgId }).toArray();
    const options: Record<string, boolean> = {};
    for (const doc of docs) if (KEYS.includes(doc.key)) options[doc.key] = doc.value;
    return options;
  };
  const write = async (orgId: bigint, key: OrgOptionKey, value: boolean): Promise<void> => {
    try {
      await collection.updateOne({ orgId, key }, { $set: { value } }, { upsert: true });
    } catch (err) {
      // Two first writes raced to insert; the document exists now, so update it.
      if (!isDuplicateKeyError(err)) throw err;
      await collection.updateOne({ orgId, key }, { $set: { value } });
    }
  };
  return {
    ensureIndexes,
    get: read,
    async update(orgId, patch) {
      await ensureIndexes();
      await Promise.all(
        KEYS.flatMap((key) => {
          const value = patch[key];
          return value === undefined ? [] : [write(orgId, key, value)];
        }),
      );
      return read(orgId);
    },
  };
}
