import type { Collection, Db } from 'mongodb';
import { duplicateKeyFailures } from './duplicate-key.js';
import type { IdBlockSource, IdRange } from './mapping-store.js';
import { COLLECTIONS } from './mongo-collections.js';

interface BlockDocument {
  /** The block number: block b holds ids b × ID_BLOCK_SIZE + 1 .. (b + 1) × ID_BLOCK_SIZE. */
  _id: bigint;
  claimedAt: Date;
  claimedBy: string;
}

/** Ids per block. A constant: blocks of different sizes could overlap. */
export const ID_BLOCK_SIZE = 1000;
const MAX_BLOCK = ((1n << 63n) - 1n) / BigInt(ID_BLOCK_SIZE) - 1n;
const CLAIM_ROUNDS = 50;

/** Thrown when ids would pass 2^63 - 1, or claiming keeps losing races (a broken invariant). */
export class IdBlockClaimError extends Error {
  readonly reason = 'id_block_claim_failed';
  constructor(message: string) {
    super(message);
    this.name = 'IdBlockClaimError';
  }
}

/**
 * Claims id blocks by inserting the block's number as `_id` into `id_blocks`: the unique `_id` index admits
 * exactly one claimant per block, so concurrent processes get disjoint ranges. This relies only on unique
 * inserts, not on an atomic `$inc` (FerretDB's read-modify-write updates can lose concurrent increments).
 * A claimant reads the highest claimed block and inserts the next ones; blocks it lost are skipped, and
 * after a lost round it jumps a few blocks further.
 */
export function createMongoIdBlockSource(
  db: Db,
  claimedBy: string,
  random: () => number = Math.random,
): IdBlockSource {
  const blocks: Collection<BlockDocument> = db.collection(COLLECTIONS.idBlocks);
  return {
    async claim(minIds) {
      const wanted = Math.ceil(minIds / ID_BLOCK_SIZE);
      const ranges: IdRange[] = [];
      for (let round = 1; ranges.length < wanted; round++) {
        if (round > CLAIM_ROUNDS)
          throw new IdBlockClaimError(`no id block claimed in ${CLAIM_ROUNDS} rounds`);
        const [highest] = await blocks
          .find({}, { projection: { _id: 1 } })
          .sort({ _id: -1 })
          .limit(1)
          .toArray();
        // After a lost race, skip a random few blocks so contenders stop colliding (gaps are harmless).
        const skip = round === 1 ? 0n : BigInt(Math.floor(random() * 4 * round));
        const start = (highest === undefined ? 0n : BigInt(highest._id) + 1n) + skip;
        const count = wanted - ranges.length;
        if (start + BigInt(count) - 1n > MAX_BLOCK)
          throw new IdBlockClaimError('the id space (2^63 - 1) is used up');
        const claimedAt = new Date();
        const docs = Array.from({ length: count }, (_, i) => ({
          _id: start + BigInt(i),
          claimedAt,
          claimedBy,
        }));
        let lost = new Set<number>();
        try {
          await blocks.insertMany(docs, { ordered: false });
        } catch (error) {
          const failures = duplicateKeyFailures(error);
          if (failures === undefined) throw error;
          lost = new Set(failures.map((f) => f.index));
        }
        docs.forEach((doc, i) => {
          if (!lost.has(i))
            ranges.push({ first: doc._id * BigInt(ID_BLOCK_SIZE) + 1n, count: ID_BLOCK_SIZE });
        });
      }
      return ranges;
    },
  };
}
