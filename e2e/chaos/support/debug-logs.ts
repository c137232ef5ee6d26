import type { ManagedService } from './services.js';

/**
 * With CHAOS_DEBUG set, prints the warn and error log lines of services (call, code, cause), to see what a
 * service did with a fault the test provoked.
 */
export function dumpServiceProblems(services: readonly (ManagedService | undefined)[]): void {
  if (!process.env['CHAOS_DEBUG']) return;
  for (const service of services) {
    for (const line of service?.logs() ?? []) {
      if (!line.includes('"level":"warn"') && !line.includes('"level":"error"')) continue;
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        const cause = entry['cause'] as { name?: string; message?: string } | undefined;
        console.log(
          `[${service!.app}] ${String(entry['time'])} ${String(entry['level'])} ${String(entry['method'] ?? entry['msg'])} ${String(entry['code'] ?? '')} ${String(entry['duration_ms'] ?? '')} ${cause?.name ?? ''} ${(cause?.message ?? '').slice(0, 160)}`,
        );
      } catch {
        console.log(`[${service!.app}] ${line.slice(0, 300)}`);
      }
    }
  }
}
