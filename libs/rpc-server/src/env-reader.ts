import { isLogLevel, type LogLevel } from './logger.js';
import type { TlsFiles } from './tls.js';
import { parseTlsEnv } from './tls-env.js';

/** An app's environment, as `process.env` or a test's object. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/**
 * Typed reads of an app's environment for its config.ts. Values are trimmed; an unset or blank variable means
 * its fallback. A bad value is listed in `problems` and read as its fallback, so one pass finds every problem.
 */
export interface EnvReader {
  /** Every problem found so far; an app may add its own. */
  readonly problems: string[];
  text(name: string, fallback: string): string;
  /** An optional minus and digits, in [min, max]. */
  integer(name: string, fallback: number, min: number, max: number): number;
  /** host:port; undefined when unset. */
  address(name: string): string | undefined;
  /** LOG_LEVEL, default info. */
  logLevel(): LogLevel;
  /** MONGODB_URI, default mongodb://127.0.0.1:27017. */
  mongodbUri(): string;
  /** A MongoDB database name: 1-63 of [A-Za-z0-9_-]. */
  database(name: string, fallback: string): string;
  /** `<PREFIX>_TLS_*` through parseTlsEnv; undefined = plaintext. */
  tls(prefix: string): TlsFiles | undefined;
}

const INTEGER = /^-?\d+$/u;
const ADDRESS = /^[^\s/]+:\d{1,5}$/u;
const DATABASE = /^[A-Za-z0-9_-]{1,63}$/u;
const MONGODB_URI = /^mongodb(\+srv)?:\/\//u;

export function createEnvReader(env: EnvVars, fileExists?: (path: string) => boolean): EnvReader {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const text = (name: string, fallback: string): string => read(name) ?? fallback;
  return {
    problems,
    text,
    integer(name, fallback, min, max) {
      const raw = read(name);
      if (raw === undefined) return fallback;
      const value = Number(raw) + 0; // + 0 turns -0 into 0
      if (!INTEGER.test(raw) || value < min || value > max) {
        problems.push(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
        return fallback;
      }
      return value;
    },
    address(name) {
      const value = read(name);
      if (value === undefined || ADDRESS.test(value)) return value;
      problems.push(`${name} must be host:port, got ${JSON.stringify(value)}`);
      return undefined;
    },
    logLevel() {
      const value = text('LOG_LEVEL', 'info');
      if (isLogLevel(value)) return value;
      problems.push(`LOG_LEVEL must be debug, info, warn or error, got ${JSON.stringify(value)}`);
      return 'info';
    },
    mongodbUri() {
      const value = text('MONGODB_URI', 'mongodb://127.0.0.1:27017');
      if (!MONGODB_URI.test(value)) problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
      return value;
    },
    database(name, fallback) {
      const value = text(name, fallback);
      if (!DATABASE.test(value)) {
        problems.push(`${name} must be 1-63 of [A-Za-z0-9_-], got ${JSON.stringify(value)}`);
      }
      return value;
    },
    tls(prefix) {
      const result = parseTlsEnv(env, prefix, fileExists);
      problems.push(...result.problems);
      return result.tls;
    },
  };
}
