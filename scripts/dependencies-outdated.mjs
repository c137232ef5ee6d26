// Whether node_modules matches package-lock.json; shared by `npm test` and `npm start`, which run before `npm ci`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A reason when node_modules is missing or does not match package-lock.json (versions of every package), else undefined. */
export function dependenciesOutdated(root = fileURLToPath(new URL('..', import.meta.url))) {
  const hiddenLockPath = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hiddenLockPath)) return 'node_modules is missing';
  const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(hiddenLockPath, 'utf8')).packages ?? {};
  for (const [path, meta] of Object.entries(wanted)) {
    if (path === '') continue;
    const have = installed[path];
    // Optional packages for other platforms are never installed.
    if (!have && meta.optional) continue;
    if (!have) return `${path} is not installed`;
    if (have.version !== meta.version)
      return `${path} is ${have.version}, package-lock.json wants ${meta.version}`;
  }
  for (const path of Object.keys(installed)) {
    if (!(path in wanted)) return `${path} is installed but not in package-lock.json`;
  }
  return undefined;
}
