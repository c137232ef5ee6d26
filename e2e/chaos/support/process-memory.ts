import { readFile } from 'node:fs/promises';

/** Resident set size of a process in bytes (Linux /proc), or undefined once it is gone. */
export async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface MemorySampler {
  /** Highest RSS seen so far, in bytes. */
  readonly peakBytes: number;
  readonly samples: number;
  stop(): void;
}

/** Samples a process's RSS every `intervalMs` and keeps the peak. */
export function sampleMemory(pid: number, intervalMs = 100): MemorySampler {
  let peakBytes = 0;
  let samples = 0;
  const timer = setInterval(() => {
    void residentBytes(pid).then((bytes) => {
      if (bytes === undefined) return;
      samples++;
      peakBytes = Math.max(peakBytes, bytes);
    });
  }, intervalMs);
  return {
    get peakBytes() {
      return peakBytes;
    },
    get samples() {
      return samples;
    },
    stop: () => clearInterval(timer),
  };
}

export const MIB = 1024 * 1024;
