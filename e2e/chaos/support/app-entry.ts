import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type AppName = 'indexer' | 'configuration' | 'query';

/** The built entry point of a service (node apps/<app>/dist/main.js); the suite runs real processes. */
export function appEntry(app: AppName): string {
  const path = fileURLToPath(new URL(`../../../apps/${app}/dist/main.js`, import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: build first with npx tsc -b tsconfig.json`);
  return path;
}
