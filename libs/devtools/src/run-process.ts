import { spawn } from 'node:child_process';
import { createOutputTail } from './output-tail.js';

export interface RunProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunProcessResult {
  stdout: string;
  stderr: string;
}

export class ProcessFailedError extends Error {
  readonly reason = 'process-failed';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly outputTail: string,
    options?: ErrorOptions,
  ) {
    super(`${command} failed (exit ${exitCode ?? 'signal'})${outputTail ? `:\n${outputTail}` : ''}`, options);
    this.name = 'ProcessFailedError';
  }
}

/** Runs a command to completion, collecting its output; rejects with the output's tail when it fails. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunProcessOptions = {},
): Promise<RunProcessResult> {
  const label = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const tail = createOutputTail();
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      tail.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      tail.push(chunk);
    });
    child.on('error', (error) =>
      reject(new ProcessFailedError(label, null, error.message, { cause: error })),
    );
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new ProcessFailedError(label, code, tail.text()));
    });
  });
}
