import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool, GO_TOOLS, installGoTool, runProcess } from '../src/index.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'devtools-install-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('installGoTool', () => {
  it('reuses a binary whose stamp matches without running go', async () => {
    const toolsDir = join(scratch, 'tools');
    const spec = {
      name: 'fake-tool',
      module: 'example.com/fake/cmd/fake-tool',
      version: 'v1.0.0',
      versionArgs: [],
    };
    await mkdir(join(toolsDir, 'bin'), { recursive: true });
    await mkdir(join(toolsDir, 'stamps'), { recursive: true });
    await writeFile(join(toolsDir, 'bin', 'fake-tool'), '#!/bin/sh\necho fake\n');
    await chmod(join(toolsDir, 'bin', 'fake-tool'), 0o755);
    await writeFile(
      join(toolsDir, 'stamps', 'fake-tool.json'),
      JSON.stringify({ module: spec.module, version: spec.version }),
    );

    // A Go build of example.com would fail: only the stamp can make this succeed.
    const path = await installGoTool({ ...spec, toolsDir });

    expect(path).toBe(join(toolsDir, 'bin', 'fake-tool'));
  });

  it.each([
    { name: 'ferretdb', prints: /version: v1\.24\.2/ },
    { name: 'grpcurl', prints: /^grpcurl / },
    // Built by `go install` without VCS data, it has nothing else to say about its version.
    { name: 'grpc-health-probe', prints: /vcs info was not included/ },
  ] as const)('gives concurrent callers the same working $name binary', async ({ name, prints }) => {
    const [first, second] = await Promise.all([ensureGoTool(name), ensureGoTool(name)]);

    const { stdout, stderr } = await runProcess(first, GO_TOOLS[name].versionArgs);

    expect(second).toBe(first);
    expect(`${stdout}${stderr}`).toMatch(prints);
  });
});
