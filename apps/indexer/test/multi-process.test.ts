import { resolve } from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { commonStrings, indexer as indexerProto } from '@mindex/proto';
import { mongodbUri, spawnService, type ServiceProcess } from '@mindex/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDbName } from './support/mongo.js';

// Spawns the built service: run `npx tsc -b tsconfig.json` first (the test command does).
const ENTRY = resolve(import.meta.dirname, '../dist/main.js');
const PROCESSES = 3;
const CLIENTS = 24;

describe('three indexer processes on one database', () => {
  const database = uniqueDbName();
  let processes: ServiceProcess[] = [];

  beforeAll(async () => {
    processes = await Promise.all(
      Array.from({ length: PROCESSES }, () =>
        spawnService({
          entry: ENTRY,
          env: {
            MONGODB_URI: mongodbUri(),
            INDEXER_MONGODB_DATABASE: database,
            INDEXER_GRPC_PORT: '0',
            INDEXER_HTTP_PORT: '0',
            LOG_LEVEL: 'warn',
          },
        }),
      ),
    );
  });

  afterAll(async () => {
    const codes = await Promise.all(processes.map((p) => p.stop()));
    expect(codes).toEqual(Array(PROCESSES).fill(0));
    const mongo = new MongoClient(mongodbUri());
    await mongo
      .db(database)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
  });

  it('gives every key exactly one id, seen identically by many concurrent clients', async () => {
    const keys = [
      { useCase: 'sessions', orgId: 1n },
      { useCase: 'spans', orgId: 1n },
      { useCase: 'custom', orgId: 2n },
    ];
    const strings = Array.from({ length: 150 }, (_, i) => `new-string-${i}`);
    const clients = Array.from({ length: CLIENTS }, (_, c) =>
      createClient(
        indexerProto.IndexerService,
        createGrpcTransport({ baseUrl: `http://${processes[c % PROCESSES]!.grpcAddress}` }),
      ),
    );

    // Each client records the same strings, in its own order and split, all at once.
    const seen = await Promise.all(
      clients.map(async (client, c) => {
        const order = [...strings].sort(
          (a, b) =>
            ((a.length * 31 + c) % 7) - ((b.length * 31 + c) % 7) ||
            (c % 2 ? a.localeCompare(b) : b.localeCompare(a)),
        );
        const ids = new Map<string, bigint>();
        for (const half of [order.slice(0, 75), order.slice(75)]) {
          const response = await client.bulkRecord({ groups: keys.map((k) => ({ ...k, strings: half })) });
          response.groups.forEach((group) => {
            for (const result of group.results) {
              expect(result.id).toBeDefined();
              expect([
                commonStrings.FetchType.FIRST_SEEN,
                commonStrings.FetchType.DB_READ,
                commonStrings.FetchType.CACHE_HIT,
              ]).toContain(result.fetchType);
              ids.set(`${group.useCase}/${group.orgId}/${result.string}`, result.id!);
            }
          });
        }
        return ids;
      }),
    );

    const reference = seen[0]!;
    expect(reference.size).toBe(keys.length * strings.length);
    for (const ids of seen) expect(ids).toEqual(reference);
    expect(new Set(reference.values()).size).toBe(reference.size);

    const mongo = new MongoClient(mongodbUri(), { useBigInt64: true });
    try {
      const docs = await mongo.db(database).collection('string_mappings').find({}).toArray();
      expect(docs).toHaveLength(keys.length * strings.length);
      for (const doc of docs) {
        const useCase = doc['path'] === 'release-health' ? 'sessions' : (doc['useCase'] as string);
        expect(reference.get(`${useCase}/${doc['orgId']}/${doc['string']}`)).toBe(doc['_id']);
      }
    } finally {
      await mongo.close();
    }

    // Any process reverse resolves what any other created.
    const [key, id] = [...reference.entries()][0]!;
    const [useCase, orgId, string] = key.split('/') as [string, string, string];
    const reversed = await clients[1]!.reverseResolve({ useCase, orgId: BigInt(orgId), id });
    expect(reversed.result?.string).toBe(string);
  });
});
