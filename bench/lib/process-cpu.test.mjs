import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { createCpuProbe, readProcessCpuUs } from './process-cpu.mjs';

const burn = (ms) => {
  const until = performance.now() + ms;
  let x = 0;
  while (performance.now() < until) x += Math.sqrt(x + 1);
  return x;
};

describe('readProcessCpuUs', () => {
  it('reads a process CPU time that grows while it computes', () => {
    const before = readProcessCpuUs(process.pid);
    burn(120);
    const after = readProcessCpuUs(process.pid);
    assert.ok(before !== undefined && after !== undefined);
    // 10 ms ticks: 120 ms of work shows as at least 50 ms even on a busy machine.
    assert.ok(after - before >= 50_000, `grew ${after - before} µs`);
  });

  it('is undefined for a process that does not exist', () => {
    assert.equal(readProcessCpuUs(2 ** 30), undefined);
  });
});

describe('createCpuProbe', () => {
  it('divides the CPU of the servers and of the client in the window by the items', () => {
    const server = { 1: 1_000, 2: 5_000 };
    let client = 100;
    const probe = createCpuProbe([1, 2], { readServer: (pid) => server[pid], readClient: () => client });
    probe.start();
    server[1] += 3_000;
    server[2] += 1_000;
    client += 2_000;
    probe.stop();
    // Later readings do not move a stopped window.
    server[1] += 50_000;
    probe.stop();
    assert.deepEqual(probe.perItem(1_000), { serverUsPerItem: 4, clientUsPerItem: 2 });
  });

  it('gives nothing when a server was not readable or nothing was served', () => {
    const unreadable = createCpuProbe([1], { readServer: () => undefined, readClient: () => 0 });
    unreadable.start();
    unreadable.stop();
    assert.equal(unreadable.perItem(10), undefined);
    const idle = createCpuProbe([1], { readServer: () => 0, readClient: () => 0 });
    idle.start();
    idle.stop();
    assert.equal(idle.perItem(0), undefined);
    const noServers = createCpuProbe([], { readServer: () => 0, readClient: () => 0 });
    noServers.start();
    noServers.stop();
    assert.equal(noServers.perItem(10), undefined);
    const unstopped = createCpuProbe([1], { readServer: () => 0, readClient: () => 0 });
    unstopped.start();
    assert.equal(unstopped.perItem(10), undefined);
  });
});
