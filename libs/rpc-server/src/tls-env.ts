import { existsSync } from 'node:fs';
import type { TlsFiles } from './tls.js';

export interface TlsEnvResult {
  /** undefined = plaintext. */
  readonly tls: TlsFiles | undefined;
  /** Every problem found, for the app's config error. */
  readonly problems: readonly string[];
}

/**
 * Reads `<PREFIX>_TLS_CERT_FILE`, `<PREFIX>_TLS_KEY_FILE` (both or neither) and `<PREFIX>_TLS_CLIENT_CA_FILE`
 * (mutual TLS; needs the other two) from an app's environment; every file named must exist. For config.ts.
 */
export function parseTlsEnv(
  env: Readonly<Record<string, string | undefined>>,
  prefix: string,
  fileExists: (path: string) => boolean = existsSync,
): TlsEnvResult {
  const problems: string[] = [];
  const file = (suffix: string): string | undefined => {
    const name = `${prefix}_TLS_${suffix}`;
    const value = env[name]?.trim();
    if (value === undefined || value === '') return undefined;
    if (!fileExists(value)) problems.push(`${name}: no such file ${JSON.stringify(value)}`);
    return value;
  };
  const certFile = file('CERT_FILE');
  const keyFile = file('KEY_FILE');
  const clientCaFile = file('CLIENT_CA_FILE');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    problems.push(`${prefix}_TLS_CERT_FILE and ${prefix}_TLS_KEY_FILE must be set together`);
  } else if (certFile === undefined && clientCaFile !== undefined) {
    problems.push(`${prefix}_TLS_CLIENT_CA_FILE needs ${prefix}_TLS_CERT_FILE and ${prefix}_TLS_KEY_FILE`);
  }
  if (problems.length > 0 || certFile === undefined || keyFile === undefined)
    return { tls: undefined, problems };
  return { tls: { certFile, keyFile, ...(clientCaFile !== undefined && { clientCaFile }) }, problems };
}
