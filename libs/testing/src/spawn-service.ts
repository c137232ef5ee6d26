import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SpawnServiceOptions {
  /** Path of the built entry point, e.g. apps/indexer/dist/main.js. */
  entry: string;
  /** Environment added to the parent's. Use port 0 to let the service pick free ports. */
  env?: Record<string, string>;
  /** Node options before the entry, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: readonly string[];
  /** Called with every line the service prints (stdout and stderr), e.g. to show its logs. */
  onLine?: (line: string) => void;
  /** How long to wait for the "listening" log line. */
  readyTimeoutMs?: number;
}

export interface ServiceProcess {
  child: ChildProcess;
  grpcPort: number;
  httpPort: number;
  /** "127.0.0.1:<grpcPort>" */
  grpcAddress: string;
  /** The newest log lines the service printed (stdout and stderr, at most 2,000). */
  logs: string[];
  /** SIGTERM and wait for exit (SIGKILL after the grace period). Resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL at once and wait for exit. */
  kill(): Promise<void>;
}

interface ListeningLine {
  msg?: string;
  grpcPort?: number;
  httpPort?: number;
}

/**
 * Starts a built service as a child process and resolves once it logs {"msg":"listening","grpcPort":..,"httpPort":..}.
 * Services print that line from main.ts after both ports are bound.
 */
export function spawnService(options: SpawnServiceOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  // Keep only the newest lines so long-running tests and benchmarks don't grow without bound.
  const keep = (line: string) => {
    options.onLine?.(line);
    logs.push(line);
    if (logs.length > 2_000) logs.splice(0, logs.length - 1_000);
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', keep);

  return new Promise<ServiceProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.entry} did not start in time:\n${logs.slice(-20).join('\n')}`));
    }, options.readyTimeoutMs ?? 30_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`${options.entry} exited with ${code} before listening:\n${logs.slice(-20).join('\n')}`),
      );
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      const parsed = parseJson(line);
      if (parsed?.msg !== 'listening' || parsed.grpcPort === undefined) return;
      clearTimeout(timer);
      const grpcPort = parsed.grpcPort;
      resolve({
        child,
        grpcPort,
        httpPort: parsed.httpPort ?? 0,
        grpcAddress: `127.0.0.1:${grpcPort}`,
        logs,
        stop: async (graceMs = 10_000) => {
          if (child.exitCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(force);
          return code;
        },
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}

function parseJson(line: string): ListeningLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as ListeningLine;
  } catch {
    return undefined;
  }
}
