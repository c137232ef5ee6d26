import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks on every mainstream build. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) a process has used, in microseconds, from /proc/<pid>/stat; undefined
 * where that is not readable (not Linux, or the process is gone).
 */
export function readProcessCpuUs(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name, which is in parentheses and may itself hold spaces: utime and stime are the
  // 14th and 15th fields of the line, the 12th and 13th after ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1e6) / TICKS_PER_SECOND : undefined;
}

const ownCpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Measures the CPU the serving processes (`pids`) and this load process use over a window, per item served: a
 * figure steadier than throughput on a shared machine, since it does not count time spent waiting for a core.
 * No pids: nothing to measure. `readServer` and `readClient` are injectable for tests.
 */
export function createCpuProbe(pids, { readServer = readProcessCpuUs, readClient = ownCpuUs } = {}) {
  const readServers = () => {
    if (pids.length === 0) return undefined;
    let total = 0;
    for (const pid of pids) {
      const used = readServer(pid);
      if (used === undefined) return undefined;
      total += used;
    }
    return total;
  };
  let start;
  let end;
  return {
    start() {
      start = { server: readServers(), client: readClient() };
    },
    stop() {
      if (start !== undefined && end === undefined) end = { server: readServers(), client: readClient() };
    },
    /** µs of CPU per item in the window, or undefined when it was not measured (or not readable). */
    perItem(items) {
      if (start === undefined || end === undefined || !(items > 0)) return undefined;
      if (start.server === undefined || end.server === undefined) return undefined;
      return {
        serverUsPerItem: (end.server - start.server) / items,
        clientUsPerItem: (end.client - start.client) / items,
      };
    },
  };
}
