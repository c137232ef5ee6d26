import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const DEFAULT_BIN = fileURLToPath(new URL('../../../.tools/bin/grpcurl', import.meta.url));

/**
 * Path of the grpcurl binary (GRPCURL_BIN or <repo>/.tools/bin/grpcurl). It may still be building when tests start,
 * so wait for it a while, then fail loudly: these tests must not pass without it.
 */
export async function findGrpcurl(waitMs: number): Promise<string> {
  const bin = process.env['GRPCURL_BIN'] ?? DEFAULT_BIN;
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      await access(bin, constants.X_OK);
      return bin;
    } catch {
      if (Date.now() > until) {
        throw new Error(
          `grpcurl not found at ${bin}: install it with ` +
            '`GOBIN=$PWD/.tools/bin go install github.com/fullstorydev/grpcurl/cmd/grpcurl@<version>` or set GRPCURL_BIN',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export interface GrpcurlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs grpcurl without blocking the event loop (the server under test lives in this process). */
export async function grpcurl(bin: string, args: string[]): Promise<GrpcurlResult> {
  try {
    const { stdout, stderr } = await run(bin, args, { timeout: 20_000 });
    return { exitCode: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return {
      exitCode: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}
