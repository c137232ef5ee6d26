import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerretDbStartError, startFerretDb } from '../src/index.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'devtools-start-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('startFerretDb', () => {
  it('serves MongoDB on a loopback port and removes its temporary directory on stop', async () => {
    const server = await startFerretDb();
    const client = new MongoClient(server.uri);
    try {
      await client
        .db('start_test')
        .collection('docs')
        .insertOne({ _id: 'a', value: 1 } as never);
      expect(await client.db('start_test').collection('docs').findOne({})).toEqual({ _id: 'a', value: 1 });
    } finally {
      await client.close();
      await server.stop();
    }

    expect(server.uri).toBe(`mongodb://127.0.0.1:${server.port}/`);
    expect(await exists(server.dataDir)).toBe(false);
  });

  it('keeps data in a given directory across restarts', async () => {
    const dataDir = join(scratch, 'persistent');
    const first = await startFerretDb({ dataDir });
    const writer = new MongoClient(first.uri);
    await writer
      .db('persist_test')
      .collection('docs')
      .insertOne({ _id: 'kept' } as never);
    await writer.close();
    await first.stop();

    const second = await startFerretDb({ dataDir });
    const reader = new MongoClient(second.uri);
    try {
      expect(await reader.db('persist_test').collection('docs').findOne({})).toEqual({ _id: 'kept' });
    } finally {
      await reader.close();
      await second.stop();
    }
    expect(await exists(dataDir)).toBe(true);
  });

  it('rejects a port that is already in use instead of pinging the other server', async () => {
    const server = await startFerretDb();
    try {
      await expect(startFerretDb({ port: server.port })).rejects.toThrow(
        `port ${server.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await server.stop();
    }
  });

  it('rejects with the output of a server that dies during startup', async () => {
    const binary = join(scratch, 'dying-ferretdb');
    await writeFile(binary, '#!/bin/sh\necho "fatal: cannot open the database directory" >&2\nexit 3\n');
    await chmod(binary, 0o755);

    const error = await startFerretDb({ binary }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(FerretDbStartError);
    expect((error as FerretDbStartError).message).toMatch(/exited during startup \(code 3\)/);
    expect((error as FerretDbStartError).outputTail).toContain('fatal: cannot open the database directory');
  });

  it('rejects when the binary cannot be run', async () => {
    await expect(startFerretDb({ binary: join(scratch, 'missing-binary') })).rejects.toBeInstanceOf(
      FerretDbStartError,
    );
  });
});
