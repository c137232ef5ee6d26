import { MongoClient } from 'mongodb';
import type { IndexerClient } from './clients.js';
import { chunks, type IdLedger } from './id-ledger.js';

const CHUNK = 2000;

/** Reverse resolves every id of the ledger; returns what did not come back as the same string. */
export async function reverseMismatches(client: IndexerClient, ledger: IdLedger): Promise<string[]> {
  const problems: string[] = [];
  for (const group of ledger.groups()) {
    for (const part of chunks(group.entries, CHUNK)) {
      const response = await client.bulkReverseResolve(
        { useCase: group.useCase, orgId: group.orgId, ids: part.map((e) => e.id) },
        { timeoutMs: 30_000 },
      );
      const found = new Map(response.results.map((r) => [r.id, r.string]));
      for (const entry of part) {
        const string = found.get(entry.id);
        if (string !== entry.string) {
          problems.push(
            `${group.useCase}/${group.orgId} id ${entry.id}: expected ${JSON.stringify(entry.string)}, got ${
              string === undefined ? 'nothing' : JSON.stringify(string)
            }`,
          );
        }
      }
    }
  }
  return problems;
}

/** Records every string of the ledger again; returns what did not get the same id back. */
export async function rerecordMismatches(client: IndexerClient, ledger: IdLedger): Promise<string[]> {
  const problems: string[] = [];
  for (const group of ledger.groups()) {
    for (const part of chunks(group.entries, CHUNK)) {
      const response = await client.bulkRecord(
        { groups: [{ useCase: group.useCase, orgId: group.orgId, strings: part.map((e) => e.string) }] },
        { timeoutMs: 30_000 },
      );
      const results = response.groups[0]?.results ?? [];
      part.forEach((entry, i) => {
        const id = results[i]?.id;
        if (id !== entry.id) {
          problems.push(
            `${group.useCase}/${group.orgId} ${JSON.stringify(entry.string)}: expected id ${entry.id}, got ${id}`,
          );
        }
      });
    }
  }
  return problems;
}

/** Keys stored more than once in the indexer's database (the unique index must make this impossible). */
export async function duplicateStoredKeys(
  uri: string,
  database: string,
): Promise<{ rows: number; duplicates: string[] }> {
  const mongo = new MongoClient(uri, {
    useBigInt64: true,
    serverSelectionTimeoutMS: 5000,
    directConnection: true,
  });
  try {
    const mappings = mongo.db(database).collection('string_mappings');
    const rows = await mappings.countDocuments();
    const duplicates = await mappings
      .aggregate<{ _id: unknown; n: number }>([
        {
          $group: {
            _id: { path: '$path', useCase: '$useCase', orgId: '$orgId', string: '$string' },
            n: { $sum: 1 },
          },
        },
        { $match: { n: { $gt: 1 } } },
      ])
      .toArray();
    return {
      rows,
      duplicates: duplicates.map((d) =>
        JSON.stringify(d, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      ),
    };
  } finally {
    await mongo.close();
  }
}
