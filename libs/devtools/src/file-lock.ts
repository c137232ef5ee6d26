import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const EMPTY_LOCK_GRACE_MS = 10_000;

export interface FileLockOptions {
  /** Give up waiting for another holder after this long. */
  timeoutMs?: number;
  pollMs?: number;
}

export class FileLockTimeoutError extends Error {
  readonly reason = 'lock-timeout';
  constructor(readonly lockPath: string) {
    super(`timed out waiting for lock ${lockPath}`);
    this.name = 'FileLockTimeoutError';
  }
}

/**
 * Runs `fn` while holding an exclusive lock file, so that several processes (for example parallel test
 * runs) do not race. A lock left behind by a dead process is taken over.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20 * 60_000;
  const pollMs = options.pollMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tryAcquire(lockPath)) break;
    if (await isStale(lockPath)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new FileLockTimeoutError(lockPath);
    await sleep(pollMs);
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function tryAcquire(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    try {
      await handle.writeFile(String(process.pid));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  let content: string;
  try {
    content = await readFile(lockPath, 'utf8');
  } catch {
    // Gone already: the next attempt may succeed.
    return false;
  }
  const pid = Number.parseInt(content, 10);
  if (Number.isInteger(pid) && pid > 0) return !isAlive(pid);
  // No pid yet: a holder between creating and writing the file, unless it died there long ago.
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > EMPTY_LOCK_GRACE_MS;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
