import { indexer } from '@mindex/proto';
import { fetchTypeCode } from '../fetch-type-code.js';
import { parseUint, UsageError, type CommandContext } from '../command-context.js';

/** `mindex record|resolve <use-case> <org> <string...>`: get-or-create (record) or look up (resolve) ids. */
export async function recordOrResolve(ctx: CommandContext, args: string[], create: boolean): Promise<void> {
  const [useCase, org, ...strings] = args;
  if (!useCase || strings.length === 0) throw new UsageError('needs <use-case> <org> <string...>');
  const groups = [{ useCase, orgId: parseUint(org, 'org'), strings }];
  const options = { timeoutMs: ctx.timeoutMs };
  const response = create
    ? await ctx.clients.indexer.bulkRecord({ groups }, options)
    : await ctx.clients.indexer.bulkResolve({ groups }, options);
  const schema = create ? indexer.BulkRecordResponseSchema : indexer.BulkResolveResponseSchema;
  ctx.output.message(schema, response, () =>
    response.groups.flatMap((group) =>
      group.results.map(
        (r) => `${r.id ?? '-'}\t${fetchTypeCode(r.fetchType)}${r.globalQuota ? ' global' : ''}\t${r.string}`,
      ),
    ),
  );
}
