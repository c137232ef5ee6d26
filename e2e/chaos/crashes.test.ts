import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexerClient, waitUntilOk, type IndexerClient } from './support/clients.js';
import { reportFigure, tally } from './support/figures.js';
import { createIdLedger } from './support/id-ledger.js';
import { startLoad, type LoadWorker } from './support/load.js';
import { chaosSeed, createSeededRandom } from './support/seeded-random.js';
import { launchService, stopAll, uniqueName, type ManagedService } from './support/services.js';
import { duplicateStoredKeys, rerecordMismatches, reverseMismatches } from './support/verify-mappings.js';

// kill -9 an indexer while it writes (twice), restart it on the same database: every id ever handed out
// still resolves to the same string on every indexer, and recording the strings again gives the same ids.
const KILLS = 2;
const GROUPS = [
  { useCase: 'transactions', orgId: 9001n },
  { useCase: 'sessions', orgId: 9002n },
];
const UNIVERSE = 500;
const DEADLINE_MS = 5000;

type BulkRecordResponse = Awaited<ReturnType<IndexerClient['bulkRecord']>>;

describe('crashes: kill -9 an indexer in the middle of writes, then restart it', () => {
  const random = createSeededRandom(chaosSeed());
  const mongodbUri = process.env['MONGODB_URI']!;
  const database = uniqueName('chaos_crashes');
  let victim: ManagedService;
  let survivor: ManagedService;
  const ledger = createIdLedger();
  const answeredWithoutId: string[] = [];
  const run = random.int(1, 1e9).toString(36);
  const strings = Array.from({ length: UNIVERSE }, (_, i) => `crash-${run}-${i}`);

  beforeAll(async () => {
    victim = await launchService('indexer', { mongodbUri, database });
    survivor = await launchService('indexer', { mongodbUri, database });
  });

  afterAll(async () => {
    await stopAll([victim, survivor]);
  });

  it('keeps every id ever returned, across kills and restarts', async () => {
    // Each worker walks the universe in its own order, so the two processes race on the same keys.
    const worker = (name: string, client: IndexerClient, offset: number): LoadWorker => {
      const batchOf = (n: number) =>
        GROUPS.map((group) => ({
          ...group,
          strings: Array.from({ length: 15 }, (_, i) => strings[(offset + n * 15 + i) % UNIVERSE]!),
        }));
      return {
        name,
        call: (n) => client.bulkRecord({ groups: batchOf(n) }, { timeoutMs: DEADLINE_MS }),
        check: (n, value) => {
          const groups = batchOf(n);
          (value as BulkRecordResponse).groups.forEach((answered, g) =>
            answered.results.forEach((result, i) => {
              const string = groups[g]!.strings[i]!;
              if (result.id === undefined) answeredWithoutId.push(`${name}: ${string}`);
              else ledger.observe(groups[g]!.useCase, groups[g]!.orgId, string, result.id);
            }),
          );
        },
      };
    };
    const victimClient = indexerClient(victim.grpcAddress);
    const survivorClient = indexerClient(survivor.grpcAddress);
    const load = startLoad([
      ...[0, 1, 2].map((w) => worker(`victim-${w}`, victimClient, w * 131)),
      ...[0, 1].map((w) => worker(`survivor-${w}`, survivorClient, 57 + w * 173)),
    ]);

    const restartMs: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await victim.kill();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const startedAt = performance.now();
      await victim.start();
      // Same address: the clients' connections come back by themselves.
      await waitUntilOk(
        () => victimClient.resolve({ useCase: 'transactions', orgId: 9001n, string: 'after-restart' }),
        10_000,
      );
      restartMs.push(performance.now() - startedAt);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await load.stop();

    const codes = tally(load.calls.map((c) => `${c.worker.replace(/-\d+$/, '')} ${c.outcome.code}`));
    reportFigure('crashes', {
      seed: random.seed,
      kills: KILLS,
      calls: load.calls.length,
      codes,
      restartMs,
      idsHandedOut: ledger.size,
    });

    // The survivor never noticed; the victim's clients saw only connection failures while it was gone (a reset
    // connection surfaces as Aborted in the Connect client).
    expect(Object.keys(codes).filter((c) => c.startsWith('survivor') && !c.endsWith('OK'))).toEqual([]);
    expect(
      Object.keys(codes).filter(
        (c) => c.startsWith('victim') && !/ (OK|Unavailable|Canceled|Aborted)$/.test(c),
      ),
    ).toEqual([]);
    expect(answeredWithoutId).toEqual([]);
    expect(ledger.conflicts).toEqual([]);
    expect(ledger.size).toBeGreaterThan(UNIVERSE);
  });

  it('resolves every id back and re-records the same ids on the restarted and the surviving indexer', async () => {
    // Writes cut off by a kill may have stored strings whose ids nobody saw: record the whole universe once
    // more, so the ledger covers every stored key (and any conflict with an id handed out shows).
    const response = await indexerClient(survivor.grpcAddress).bulkRecord(
      { groups: GROUPS.map((group) => ({ ...group, strings })) },
      { timeoutMs: 30_000 },
    );
    response.groups.forEach((answered, g) =>
      answered.results.forEach((result, i) =>
        ledger.observe(GROUPS[g]!.useCase, GROUPS[g]!.orgId, strings[i]!, result.id!),
      ),
    );
    expect(ledger.conflicts).toEqual([]);
    expect(ledger.size).toBe(GROUPS.length * UNIVERSE);
    for (const service of [victim, survivor]) {
      const client = indexerClient(service.grpcAddress);
      expect(await reverseMismatches(client, ledger)).toEqual([]);
      expect(await rerecordMismatches(client, ledger)).toEqual([]);
    }
    const stored = await duplicateStoredKeys(mongodbUri, database);
    expect(stored.duplicates).toEqual([]);
    expect(stored.rows).toBe(ledger.size);
    // Only the killed process exited, and only when it was killed.
    expect([...victim.unexpectedExits, ...survivor.unexpectedExits]).toEqual([]);
  });
});
