import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives in libs/devtools/src (or dist once built). */
export function workspaceRoot(): string {
  return fileURLToPath(new URL('../../../', import.meta.url));
}

/** Where Go tools are installed: `MINDEX_TOOLS_DIR`, else `<root>/.tools` (binaries in its `bin/`). */
export function defaultToolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['MINDEX_TOOLS_DIR'] || join(workspaceRoot(), '.tools');
}
