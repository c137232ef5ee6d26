import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, indexerClient, type IndexerClient } from './support/clients.js';
import { reportFigure, tally } from './support/figures.js';
import { createIdLedger } from './support/id-ledger.js';
import { chaosSeed, createSeededRandom } from './support/seeded-random.js';
import { launchService, stopAll, uniqueName, type ManagedService } from './support/services.js';
import { duplicateStoredKeys, rerecordMismatches, reverseMismatches } from './support/verify-mappings.js';

// Several indexer processes on one database, many clients recording overlapping new strings at the same
// moment: whoever wins a race, a key gets one id, an id one key, and every id resolves back.
const INDEXERS = 3;
const CLIENTS = 12;
const ROUNDS = 12;
const STRINGS_PER_GROUP = 300;
const ORGS = [7001n, 7002n];
const USE_CASES = ['transactions', 'custom'];
// Static shared strings in the mix: they have fixed ids in every org and must not disturb the stored ones.
const SHARED = ['environment', 'release', 'transaction'];

describe('races: several indexers and many clients recording overlapping new strings', () => {
  const random = createSeededRandom(chaosSeed());
  const database = uniqueName('chaos_races');
  const mongodbUri = process.env['MONGODB_URI']!;
  const indexers: ManagedService[] = [];
  let clients: IndexerClient[] = [];

  beforeAll(async () => {
    for (let i = 0; i < INDEXERS; i++) {
      indexers.push(await launchService('indexer', { mongodbUri, database }));
    }
    // One transport (HTTP/2 connection) per client, spread over the indexers.
    clients = Array.from({ length: CLIENTS }, (_, i) => indexerClient(indexers[i % INDEXERS]!.grpcAddress));
  });

  afterAll(async () => {
    await stopAll(indexers);
  });

  it('gives every key one id, every id one key, and resolves every id back on every indexer', async () => {
    const run = random.int(1, 1e9).toString(36);
    const groups = ORGS.flatMap((orgId) =>
      USE_CASES.map((useCase) => ({
        useCase,
        orgId,
        strings: [...Array.from({ length: STRINGS_PER_GROUP }, (_, i) => `race-${run}-${i}-ü✓`), ...SHARED],
      })),
    );
    const ledger = createIdLedger();
    const outcomes: string[] = [];
    const missingIds: string[] = [];
    let results = 0;

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = clients.map(async (client, c) => {
      await gate;
      for (let round = 0; round < ROUNDS; round++) {
        if ((round + c) % 4 === 3) {
          // A single Record now and then: the same races through the one-string path.
          const group = random.pick(groups);
          const string = random.pick(group.strings);
          const result = await attempt(() =>
            client.record({ useCase: group.useCase, orgId: group.orgId, string }, { timeoutMs: 30_000 }),
          );
          outcomes.push(result.code);
          const id = result.value?.result?.id;
          results++;
          if (id === undefined) missingIds.push(`${group.useCase}/${group.orgId} ${string}: ${result.code}`);
          else ledger.observe(group.useCase, group.orgId, string, id);
          continue;
        }
        // A BulkRecord of 1-4 groups with 20-150 strings each, duplicates within the request included.
        const picked = random.sample(groups, random.int(1, 4)).map((group) => ({
          useCase: group.useCase,
          orgId: group.orgId,
          strings: random.sample(group.strings, random.int(20, 150)),
        }));
        const result = await attempt(() => client.bulkRecord({ groups: picked }, { timeoutMs: 30_000 }));
        outcomes.push(result.code);
        picked.forEach((group, g) => {
          const answered = result.value?.groups[g];
          group.strings.forEach((string, i) => {
            results++;
            const id = answered?.results[i]?.id;
            if (answered?.results[i]?.string !== undefined && answered.results[i]!.string !== string) {
              missingIds.push(
                `result ${i} of group ${g} answers ${answered.results[i]!.string} for ${string}`,
              );
            }
            if (id === undefined)
              missingIds.push(`${group.useCase}/${group.orgId} ${string}: ${result.code}`);
            else ledger.observe(group.useCase, group.orgId, string, id);
          });
        });
      }
    });
    const startedAt = performance.now();
    release();
    await Promise.all(work);
    const raceMs = performance.now() - startedAt;

    expect(tally(outcomes)).toEqual({ OK: outcomes.length });
    expect(missingIds).toEqual([]);
    expect(ledger.conflicts).toEqual([]);
    // The races covered most of the universe (the check is about overlap, not luck).
    expect(ledger.size).toBeGreaterThan(groups.length * STRINGS_PER_GROUP * 0.9);

    // Every indexer answers the same ids and strings, read back and recorded again.
    for (const indexer of indexers) {
      const client = indexerClient(indexer.grpcAddress);
      expect(await reverseMismatches(client, ledger)).toEqual([]);
      expect(await rerecordMismatches(client, ledger)).toEqual([]);
    }

    // The database holds each stored key once.
    const stored = await duplicateStoredKeys(mongodbUri, database);
    const storedKeys = ledger.entries().filter((e) => !SHARED.includes(e.string)).length;
    expect(stored.duplicates).toEqual([]);
    expect(stored.rows).toBe(storedKeys);
    for (const indexer of indexers) expect(indexer.unexpectedExits).toEqual([]);

    reportFigure('races', {
      seed: random.seed,
      indexers: INDEXERS,
      clients: CLIENTS,
      calls: outcomes.length,
      stringResults: results,
      distinctKeys: ledger.size,
      storedRows: stored.rows,
      raceMs,
    });
  });

  it('answers a fresh string recorded by every client at once with one id', async () => {
    // The sharpest race: all clients ask for the same brand-new strings in the same instant, repeatedly.
    const ledger = createIdLedger();
    for (let round = 0; round < 5; round++) {
      const strings = Array.from({ length: 5 }, (_, i) => `contended-${random.int(1, 1e9)}-${round}-${i}`);
      const answers = await Promise.all(
        clients.map((client) =>
          client.bulkRecord({ groups: [{ useCase: 'spans', orgId: 7003n, strings }] }, { timeoutMs: 30_000 }),
        ),
      );
      for (const answer of answers) {
        answer.groups[0]!.results.forEach((result, i) => {
          expect(result.id).toBeDefined();
          ledger.observe('spans', 7003n, strings[i]!, result.id!);
        });
      }
    }
    expect(ledger.conflicts).toEqual([]);
    expect(ledger.size).toBe(25);
    expect(await reverseMismatches(indexerClient(indexers[0]!.grpcAddress), ledger)).toEqual([]);
  });
});
