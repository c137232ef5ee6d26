export { FileLockTimeoutError, withFileLock, type FileLockOptions } from './file-lock.js';
export { findFreePort, isPortFree } from './find-free-port.js';
export type { GoToolSpec } from './go-tool-spec.js';
export {
  ensureGoTool,
  ensureGoTools,
  GO_TOOLS,
  type EnsureGoToolsOptions,
  type GoToolName,
} from './go-tools.js';
export { GoToolInstallError, installGoTool, type InstallGoToolOptions } from './install-go-tool.js';
export { createOutputTail, type OutputTail } from './output-tail.js';
export {
  ProcessFailedError,
  runProcess,
  type RunProcessOptions,
  type RunProcessResult,
} from './run-process.js';
export {
  FerretDbStartError,
  startFerretDb,
  type FerretDb,
  type StartFerretDbOptions,
} from './start-ferret-db.js';
export { defaultToolsDir, workspaceRoot } from './workspace-paths.js';
