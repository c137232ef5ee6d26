import { query } from '@mindex/proto';
import { parseUint, UsageError, type CommandContext } from '../command-context.js';

/** `mindex meta <org> <project[,project...]> [--use-case a,b]`: the metrics of projects (spec §3.4). */
export async function meta(ctx: CommandContext, args: string[]): Promise<void> {
  const [org, projects] = args;
  if (!projects) throw new UsageError('needs <org> <project[,project...]>');
  const useCases = String(ctx.flags['use-case'] ?? 'sessions,transactions,spans,custom').split(',');
  const response = await ctx.clients.query.getMetricsMeta(
    {
      orgId: parseUint(org, 'org'),
      projectIds: projects.split(',').map((p) => parseUint(p, 'project')),
      useCases,
    },
    { timeoutMs: ctx.timeoutMs },
  );
  ctx.output.message(query.GetMetricsMetaResponseSchema, response, () =>
    response.metrics.map(
      (m) =>
        `${m.mri}\tprojects=${m.projectIds.join(',')}\tops=${m.operations.join(',')}` +
        (m.blockingStatus.length ? `\tblocked=${m.blockingStatus.map((b) => b.projectId).join(',')}` : ''),
    ),
  );
}
