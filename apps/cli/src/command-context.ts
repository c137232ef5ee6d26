import type { Clients } from './clients.js';
import type { Output } from './output.js';

/** What every command gets: the service clients, the output, and the per-call deadline. */
export interface CommandContext {
  clients: Clients;
  output: Output;
  timeoutMs: number;
  /** Command options after the command name (already parsed flags). */
  flags: Record<string, string | boolean | undefined>;
}

/** A usage error: the message is printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseUint(text: string | undefined, what: string): bigint {
  if (text === undefined || !/^\d+$/.test(text))
    throw new UsageError(`${what} must be a non-negative integer`);
  return BigInt(text);
}
