import { constants } from 'node:fs';
import {
  access,
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from './file-lock.js';
import type { GoToolSpec } from './go-tool-spec.js';
import { ProcessFailedError, runProcess } from './run-process.js';

export interface InstallGoToolOptions extends GoToolSpec {
  /** Installs into `<toolsDir>/bin`; stamps and locks live beside it. */
  toolsDir: string;
  log?: (line: string) => void;
}

export class GoToolInstallError extends Error {
  readonly reason = 'go-tool-install-failed';
  constructor(
    readonly tool: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`installing ${tool} failed: ${message}`, options);
    this.name = 'GoToolInstallError';
  }
}

/**
 * Installs a pinned Go tool into `<toolsDir>/bin` once and returns the binary's path. A stamp file records
 * what was built, so a binary from another version (or a broken earlier build) is rebuilt; a lock file
 * keeps parallel callers, in this process or others, from building at the same time.
 */
export async function installGoTool(options: InstallGoToolOptions): Promise<string> {
  const binDir = join(options.toolsDir, 'bin');
  const binary = join(binDir, options.name);
  const stampPath = join(options.toolsDir, 'stamps', `${options.name}.json`);
  const stamp = JSON.stringify({
    module: options.module,
    version: options.version,
    versionFile: options.versionFile,
  });
  if (await isInstalled(stampPath, stamp, binary)) return binary;

  await mkdir(join(options.toolsDir, 'stamps'), { recursive: true });
  await mkdir(binDir, { recursive: true });
  return withFileLock(join(options.toolsDir, `${options.name}.lock`), async () => {
    if (await isInstalled(stampPath, stamp, binary)) return binary;
    options.log?.(`installing ${options.module}@${options.version} (a first build can take minutes)`);
    const staging = await mkdtemp(join(options.toolsDir, `.build-${options.name}-`));
    try {
      const built = options.versionFile
        ? await buildFromSource(options, options.versionFile, staging)
        : await goInstall(options, staging);
      await runOrExplain(options.name, built, options.versionArgs, {});
      await rename(built, binary);
      await writeFile(stampPath, stamp);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return binary;
  });
}

async function isInstalled(stampPath: string, stamp: string, binary: string): Promise<boolean> {
  try {
    await access(binary, constants.X_OK);
    return (await readFile(stampPath, 'utf8')) === stamp;
  } catch {
    return false;
  }
}

function goEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Ignore a surrounding go.work or vendoring flags; VCS stamping of our repository would only confuse the tools.
  return { ...process.env, GO111MODULE: 'on', GOWORK: 'off', GOFLAGS: '-buildvcs=false', ...extra };
}

async function goInstall(options: InstallGoToolOptions, staging: string): Promise<string> {
  await runOrExplain(options.name, 'go', ['install', `${options.module}@${options.version}`], {
    cwd: staging,
    env: goEnv({ GOBIN: staging }),
  });
  const produced = (await readdir(staging)).filter((entry) => entry === commandName(options.module));
  if (produced.length !== 1)
    throw new GoToolInstallError(options.name, `go install produced no ${commandName(options.module)}`);
  return join(staging, commandName(options.module));
}

async function buildFromSource(
  options: InstallGoToolOptions,
  versionFile: string,
  staging: string,
): Promise<string> {
  const root = options.moduleRoot ?? options.module;
  if (options.module !== root && !options.module.startsWith(`${root}/`)) {
    throw new GoToolInstallError(options.name, `${options.module} is not inside ${root}`);
  }
  const download = await runOrExplain(
    options.name,
    'go',
    ['mod', 'download', '-json', `${root}@${options.version}`],
    {
      cwd: staging,
      env: goEnv(),
    },
  );
  const dir = (JSON.parse(download.stdout) as { Dir?: string; Error?: string }).Dir;
  if (!dir)
    throw new GoToolInstallError(options.name, `go mod download gave no directory: ${download.stdout}`);

  // The module cache is read-only: build from a writable copy.
  const source = join(staging, 'src');
  await copyWritable(dir, source);
  await writeFile(join(source, versionFile), `${options.version}\n`);
  const output = join(staging, options.name);
  const pkg = `.${options.module.slice(root.length)}`;
  // -trimpath keeps the build cache valid although the staging path changes on every build.
  await runOrExplain(options.name, 'go', ['build', '-trimpath', '-o', output, pkg || '.'], {
    cwd: source,
    env: goEnv(),
  });
  return output;
}

async function copyWritable(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await copyWritable(source, target);
    } else if (entry.isFile()) {
      await copyFile(source, target);
      await chmod(target, 0o644);
    }
  }
}

/** `go install` names the binary after the last path element, skipping a major-version suffix. */
function commandName(module: string): string {
  const parts = module.split('/');
  const last = parts.at(-1) ?? module;
  return /^v\d+$/.test(last) && parts.length > 1 ? (parts.at(-2) ?? last) : last;
}

async function runOrExplain(
  tool: string,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
) {
  try {
    return await runProcess(command, args, options);
  } catch (error) {
    const notFound = error instanceof ProcessFailedError && /ENOENT/.test(error.outputTail);
    const hint =
      notFound && command === 'go' ? 'the Go toolchain (go) is not on PATH' : (error as Error).message;
    throw new GoToolInstallError(tool, hint, { cause: error });
  }
}
