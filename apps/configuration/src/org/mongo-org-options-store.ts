import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '../mongo/is-duplicate-key-error.js';
import { definedFields } from './in-memory-org-options-store.js';
import type { OrgOptionsStore, StoredOrgOptions } from './org-options-store.js';

export const ORG_OPTIONS_COLLECTION = 'organization_options';

interface OrgOptionsDoc {
  _id: bigint;
  activatePercentiles?: boolean;
  activateLastForGauges?: boolean;
}

/** Organization options, one document per organization (`_id` = org id, an int64). */
export function createMongoOrgOptionsStore(db: Db): OrgOptionsStore {
  const collection = db.collection<OrgOptionsDoc>(ORG_OPTIONS_COLLECTION);
  const read = async (orgId: bigint): Promise<StoredOrgOptions> => {
    const doc = await collection.findOne({ _id: orgId });
    if (doc === null) return {};
    return definedFields({
      activatePercentiles: doc.activatePercentiles,
      activateLastForGauges: doc.activateLastForGauges,
    });
  };
  return {
    get: read,
    async update(orgId, patch) {
      const set = definedFields(patch);
      if (Object.keys(set).length > 0) {
        try {
          await collection.updateOne({ _id: orgId }, { $set: set }, { upsert: true });
        } catch (err) {
          // Two first writes for one org raced to insert; the document exists now, so update it.
          if (!isDuplicateKeyError(err)) throw err;
          await collection.updateOne({ _id: orgId }, { $set: set });
        }
      }
      return read(orgId);
    },
  };
}
