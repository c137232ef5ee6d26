import { indexer } from '@mindex/proto';
import { fetchTypeCode } from '../fetch-type-code.js';
import { parseUint, UsageError, type CommandContext } from '../command-context.js';

/** `mindex reverse <use-case> <org> <id...>`: the strings of ids; unknown ids are left out. */
export async function reverse(ctx: CommandContext, args: string[]): Promise<void> {
  const [useCase, org, ...ids] = args;
  if (!useCase || ids.length === 0) throw new UsageError('needs <use-case> <org> <id...>');
  const response = await ctx.clients.indexer.bulkReverseResolve(
    { useCase, orgId: parseUint(org, 'org'), ids: ids.map((id) => parseUint(id, 'id')) },
    { timeoutMs: ctx.timeoutMs },
  );
  ctx.output.message(indexer.BulkReverseResolveResponseSchema, response, () =>
    response.results.map((r) => `${r.id}\t${fetchTypeCode(r.fetchType)}\t${r.string}`),
  );
}
