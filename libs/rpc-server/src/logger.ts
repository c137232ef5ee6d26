import { batchedStdout } from './batched-writer.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  isEnabled(level: LogLevel): boolean;
  /** A logger writing the same way with `fields` added to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Fields on every line (e.g. `{ service: 'indexer' }`). */
  base?: LogFields;
  /** Where each JSON line goes (without the newline); defaults to process.stdout, batched per event-loop turn. */
  write?: (line: string) => void;
  /** Clock for the `time` field; tests pass a fixed one. */
  now?: () => Date;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/** Logger writing one JSON object per line: `{time, level, msg, ...base, ...fields}`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? batchedStdout().write;
  const now = options.now ?? (() => new Date());
  return build(level, options.base ?? {}, write, now);
}

function build(level: LogLevel, base: LogFields, write: (line: string) => void, now: () => Date): Logger {
  const threshold = SEVERITY[level];
  // The base fields are serialized once; a line whose fields are plain and do not shadow them is the same text
  // as the merged record's JSON, without building the record (every RPC logs one line).
  const reserved = new Set(['time', 'level', 'msg', ...Object.keys(base)]);
  const baseShadowsLineKeys = ['time', 'level', 'msg'].some((key) => Object.hasOwn(base, key));
  const baseJson = JSON.stringify(base, jsonReplacer).slice(1, -1);
  const basePart = baseJson === '' ? '' : `,${baseJson}`;
  const log = (lineLevel: LogLevel, msg: string, fields?: LogFields): void => {
    if (SEVERITY[lineLevel] < threshold) return;
    const time = now().toISOString();
    if (!baseShadowsLineKeys && (fields === undefined || (allPlain(fields) && !shadows(fields, reserved)))) {
      const fieldsJson = fields === undefined ? '' : JSON.stringify(fields).slice(1, -1);
      write(
        `{"time":${JSON.stringify(time)},"level":"${lineLevel}","msg":${JSON.stringify(msg)}${basePart}${fieldsJson === '' ? '' : `,${fieldsJson}`}}`,
      );
      return;
    }
    const record = { time, level: lineLevel, msg, ...base, ...fields };
    // The replacer costs a call per key: only use it when a value needs it (bigints, errors, nested objects).
    write(JSON.stringify(record, allPlain(record) ? undefined : jsonReplacer));
  };
  return {
    level,
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
    isEnabled: (lineLevel) => SEVERITY[lineLevel] >= threshold,
    child: (fields) => build(level, { ...base, ...fields }, write, now),
  };
}

function shadows(fields: LogFields, reserved: ReadonlySet<string>): boolean {
  for (const key in fields) if (reserved.has(key)) return true;
  return false;
}

function allPlain(record: LogFields): boolean {
  for (const key in record) {
    const value = record[key];
    if (typeof value === 'bigint' || (typeof value === 'object' && value !== null)) return false;
  }
  return true;
}

// Errors lose their fields in JSON.stringify and bigints throw; make both printable.
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return serializeError(value, 0);
  return value;
}

function serializeError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out['code'] = code;
  if (error.stack !== undefined) out['stack'] = error.stack;
  if (error.cause !== undefined && depth < 3) {
    out['cause'] =
      error.cause instanceof Error ? serializeError(error.cause, depth + 1) : String(error.cause);
  }
  return out;
}
