/** How to build one Go command-line tool from the Go module proxy. */
export interface GoToolSpec {
  /** Name of the installed binary in `<toolsDir>/bin`. */
  name: string;
  /** Package path of the command, as given to `go install`. */
  module: string;
  /** Exact version (a tag such as `v1.2.3`). */
  version: string;
  /**
   * Module root when `module` is a package inside it. Together with `versionFile` this switches to a source
   * build: the module is downloaded, `versionFile` (relative to the root) is written with `version`, then built.
   */
  moduleRoot?: string;
  versionFile?: string;
  /** Arguments that make the binary print its version; run after each build to prove the binary starts. */
  versionArgs: readonly string[];
}
