import { readFile } from 'node:fs/promises';
import { createProgressBar } from '../progress-bar.js';
import { parseUint, UsageError, type CommandContext } from '../command-context.js';

/**
 * `mindex import <use-case> <org> <file> [--batch-size N]`: records every non-empty line of a file, in batches,
 * with a progress bar; reports how many were created, found and rate limited.
 */
export async function importStrings(ctx: CommandContext, args: string[]): Promise<void> {
  const [useCase, org, file] = args;
  if (!useCase || !file) throw new UsageError('needs <use-case> <org> <file>');
  const orgId = parseUint(org, 'org');
  const batchSize = Number(parseUint(String(ctx.flags['batch-size'] ?? '1000'), 'batch-size'));
  if (batchSize < 1 || batchSize > 10_000) throw new UsageError('batch-size must be 1..10000');
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.length > 0);
  const progress = createProgressBar(lines.length);
  const counts = { total: lines.length, recorded: 0, rateLimited: 0 };
  for (let start = 0; start < lines.length; start += batchSize) {
    const strings = lines.slice(start, start + batchSize);
    const response = await ctx.clients.indexer.bulkRecord(
      { groups: [{ useCase, orgId, strings }] },
      { timeoutMs: ctx.timeoutMs },
    );
    for (const result of response.groups[0]?.results ?? []) {
      if (result.id === undefined) counts.rateLimited++;
      else counts.recorded++;
    }
    progress.update(start + strings.length);
  }
  progress.finish();
  process.stdout.write(
    (ctx.flags['json']
      ? JSON.stringify(counts)
      : `${counts.total} strings: ${counts.recorded} recorded, ${counts.rateLimited} rate limited`) + '\n',
  );
}
