import type { GoToolSpec } from './go-tool-spec.js';
import { installGoTool } from './install-go-tool.js';
import { defaultToolsDir } from './workspace-paths.js';

/** The Go tools the workspace pins: the test database and two gRPC command-line clients. */
export const GO_TOOLS = {
  // `go install` of FerretDB builds a binary that panics at start (its version.txt is generated at release
  // time and not in the module), so it is built from the module source with that file written.
  ferretdb: {
    name: 'ferretdb',
    module: 'github.com/FerretDB/FerretDB/cmd/ferretdb',
    moduleRoot: 'github.com/FerretDB/FerretDB',
    version: 'v1.24.2',
    versionFile: 'build/version/version.txt',
    versionArgs: ['--version'],
  },
  grpcurl: {
    name: 'grpcurl',
    module: 'github.com/fullstorydev/grpcurl/cmd/grpcurl',
    version: 'v1.9.4',
    versionArgs: ['-version'],
  },
  'grpc-health-probe': {
    name: 'grpc-health-probe',
    module: 'github.com/grpc-ecosystem/grpc-health-probe',
    version: 'v0.4.61',
    versionArgs: ['-version'],
  },
} as const satisfies Record<string, GoToolSpec>;

export type GoToolName = keyof typeof GO_TOOLS;

export interface EnsureGoToolsOptions {
  toolsDir?: string;
  log?: (line: string) => void;
}

/** Installs one pinned tool if needed and returns its binary's path. */
export function ensureGoTool(name: GoToolName, options: EnsureGoToolsOptions = {}): Promise<string> {
  return installGoTool({
    ...GO_TOOLS[name],
    toolsDir: options.toolsDir ?? defaultToolsDir(),
    log: options.log,
  });
}

/** Installs the pinned tools one after another (Go already uses every core) and returns their paths. */
export async function ensureGoTools<N extends GoToolName = GoToolName>(
  names: readonly N[] = Object.keys(GO_TOOLS) as N[],
  options: EnsureGoToolsOptions = {},
): Promise<Record<N, string>> {
  const paths: Partial<Record<N, string>> = {};
  for (const name of names) paths[name] = await ensureGoTool(name, options);
  return paths as Record<N, string>;
}
