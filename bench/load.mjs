// The benchmark's load process: run.mjs forks it and sends commands over IPC, so the load never shares an event
// loop with the servers it measures. gRPC calls carry pre-encoded request bytes with identity serializers, so the
// client does exactly the same work against the indexer and against the echo baselines.
import grpc from '@grpc/grpc-js';
import { Buffer } from 'node:buffer';
import { MongoClient } from 'mongodb';
import { runClosedLoop } from './lib/closed-loop.mjs';
import { createCpuProbe } from './lib/process-cpu.mjs';
import { createWorkload, mappingDocuments } from './lib/workloads.mjs';

const CALL_DEADLINE_MS = 30_000;
/** Priming records new strings, which a slow database may take long to insert. */
const PRIME_DEADLINE_MS = 180_000;
/** Check the first response and then every this many (decoding costs the load process time). */
const CHECK_EVERY = 50;
const PRIME_CONCURRENCY = 2;
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const identity = (bytes) => bytes;
const clients = new Map();
const workloads = new Map();
const mongoClients = new Map();

function grpcClient(target) {
  let client = clients.get(target);
  if (client === undefined) {
    client = new grpc.Client(target, grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    });
    clients.set(target, client);
  }
  return client;
}

function unary(target, method, bytes, deadlineMs = CALL_DEADLINE_MS) {
  return new Promise((resolve, reject) => {
    grpcClient(target).makeUnaryRequest(
      method,
      identity,
      identity,
      bytes,
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (error, response) => (error ? reject(error) : resolve(response)),
    );
  });
}

function workload(spec) {
  const key = JSON.stringify(spec);
  let built = workloads.get(key);
  if (built === undefined) {
    built = createWorkload(spec);
    workloads.set(key, built);
  }
  return built;
}

async function mongoDb({ uri, db }) {
  let client = mongoClients.get(uri);
  if (client === undefined) {
    client = new MongoClient(uri, { useBigInt64: true, serverSelectionTimeoutMS: 5000, maxPoolSize: 100 });
    await client.connect();
    mongoClients.set(uri, client);
  }
  return client.db(db);
}

/** Sends a workload's priming calls to each target, stage after stage (a few in flight), failing on an error. */
async function prime({ targets, workload: spec }) {
  const { primeStages } = workload(spec);
  let primed = 0;
  for (const target of targets) {
    for (const calls of primeStages) {
      let next = 0;
      const worker = async () => {
        while (next < calls.length) {
          const { method, bytes } = calls[next++];
          await unary(target, method, bytes, PRIME_DEADLINE_MS);
          primed++;
        }
      };
      await Promise.all(Array.from({ length: PRIME_CONCURRENCY }, worker));
    }
  }
  return { primed };
}

function createChecker(mode, check) {
  const state = { checkedCalls: 0, problems: [], fetchTypes: {} };
  const record = (problems, fetchTypes = {}) => {
    state.checkedCalls++;
    for (const problem of problems) if (state.problems.length < 10) state.problems.push(problem);
    for (const [code, count] of Object.entries(fetchTypes))
      state.fetchTypes[code] = (state.fetchTypes[code] ?? 0) + count;
  };
  return {
    state,
    maybeCheck(n, request, response) {
      if (mode === 'none' || n % CHECK_EVERY !== 0) return;
      if (mode === 'echo') {
        record(Buffer.compare(request.bytes, response) === 0 ? [] : ['echo answered other bytes']);
        return;
      }
      try {
        const { problems, fetchTypes } = check(request, response);
        record(problems, fetchTypes);
      } catch (error) {
        record([`response does not decode: ${error.message}`]);
      }
    },
  };
}

async function run(command) {
  const built = workload(command.workload);
  const checker = createChecker(command.check, built.check);
  let call;
  if (command.driver === 'grpc') {
    const { targets } = command;
    call = async (n, w) => {
      const request = built.next(n);
      const response = await unary(targets[w % targets.length], built.method, request.bytes);
      checker.maybeCheck(n, request, response);
      return built.itemsPerCall;
    };
  } else if (command.driver === 'mongo-insert-many') {
    const collection = (await mongoDb(command.mongo)).collection(command.mongo.collection);
    let id = BigInt(Date.now()) << 20n;
    const nextId = () => id++;
    call = async (n) => {
      const documents = mappingDocuments(built.next(n).groups, nextId);
      const result = await collection.insertMany(documents, { ordered: false });
      if (n % CHECK_EVERY === 0) {
        const problems =
          result.insertedCount === documents.length
            ? []
            : [`insertMany inserted ${result.insertedCount} of ${documents.length}`];
        checker.state.checkedCalls++;
        checker.state.problems.push(...problems);
      }
      return result.insertedCount;
    };
  } else {
    throw new Error(`unknown driver ${command.driver}`);
  }
  const cpu = createCpuProbe(command.cpuPids ?? []);
  const result = await runClosedLoop({
    concurrency: command.concurrency,
    warmupMs: command.warmupMs,
    durationMs: command.durationMs,
    minCalls: command.minCalls,
    call,
    onWindowStart: () => cpu.start(),
    onWindowEnd: () => cpu.stop(),
  });
  return { ...result, cpu: cpu.perItem(result.items), itemName: built.itemName, check: checker.state };
}

/** Creates the scratch collection of the insertMany baseline with the indexer's mapping indexes. */
async function mongoSetup({ mongo }) {
  const db = await mongoDb(mongo);
  await db
    .collection(mongo.collection)
    .drop()
    .catch(() => undefined);
  await db.collection(mongo.collection).createIndexes([
    { key: { path: 1, useCase: 1, orgId: 1, string: 1 }, name: 'unique_scope_org_string', unique: true },
    { key: { lastSeen: 1 }, name: 'last_seen' },
  ]);
  return {};
}

async function mongoDrop({ mongo }) {
  await (await mongoDb(mongo)).dropDatabase();
  return {};
}

async function shutdown() {
  for (const client of clients.values()) client.close();
  for (const client of mongoClients.values()) await client.close();
  return {};
}

const COMMANDS = { prime, run, 'mongo-setup': mongoSetup, 'mongo-drop': mongoDrop, shutdown };

process.on('message', async (message) => {
  const handler = COMMANDS[message.cmd];
  try {
    if (handler === undefined) throw new Error(`unknown command ${message.cmd}`);
    const result = await handler(message);
    process.send({ id: message.id, ok: true, result });
    if (message.cmd === 'shutdown') process.disconnect();
  } catch (error) {
    process.send({ id: message.id, ok: false, error: String(error?.stack ?? error) });
  }
});
