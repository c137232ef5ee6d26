import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileLockTimeoutError, withFileLock } from '../src/index.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'devtools-lock-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('withFileLock', () => {
  it('runs concurrent holders one at a time', async () => {
    const lock = join(scratch, 'serial.lock');
    const events: string[] = [];
    const hold = (name: string) =>
      withFileLock(
        lock,
        async () => {
          events.push(`${name} in`);
          await sleep(30);
          events.push(`${name} out`);
          return name;
        },
        { pollMs: 5 },
      );

    const results = await Promise.all([hold('a'), hold('b'), hold('c')]);

    expect(results).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]?.replace(' in', '')).toBe(events[i + 1]?.replace(' out', ''));
    }
    expect(events).toHaveLength(6);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const lock = join(scratch, 'stale.lock');
    // Pid 2^22 + 1 is above Linux's pid_max limit, so no process has it.
    await writeFile(lock, String(2 ** 22 + 1));

    const result = await withFileLock(lock, async () => 'ran', { timeoutMs: 1000, pollMs: 5 });

    expect(result).toBe('ran');
  });

  it('times out while a live process holds the lock', async () => {
    const lock = join(scratch, 'held.lock');
    await writeFile(lock, String(process.pid));

    await expect(withFileLock(lock, async () => 'ran', { timeoutMs: 50, pollMs: 5 })).rejects.toBeInstanceOf(
      FileLockTimeoutError,
    );
    await rm(lock);
  });

  it('releases the lock when the holder throws', async () => {
    const lock = join(scratch, 'throws.lock');
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    expect(await withFileLock(lock, async () => 'next', { timeoutMs: 100 })).toBe('next');
  });
});
