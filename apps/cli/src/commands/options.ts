import { toJson } from '@bufbuild/protobuf';
import { configuration, configurationOptions as opts } from '@mindex/proto';
import { optionValueFromJson } from '../option-value-from-json.js';
import { parseUint, UsageError, type CommandContext } from '../command-context.js';

/** `mindex options list [prefix] | get <name> | set <name> <json> [--expected-version N] [--author A]`. */
export async function options(ctx: CommandContext, args: string[]): Promise<void> {
  const [action, name, value] = args;
  const call = { timeoutMs: ctx.timeoutMs };
  const client = ctx.clients.configuration;
  switch (action) {
    case 'list': {
      const response = await client.listOptions({ prefix: name ?? '' }, call);
      ctx.output.message(configuration.ListOptionsResponseSchema, response, () =>
        response.options.map((o) => `${o.name}\tv${o.version}\t${formatValue(o.value)}`),
      );
      return;
    }
    case 'get': {
      if (!name) throw new UsageError('needs <name>');
      const response = await client.getOption({ name }, call);
      ctx.output.message(configuration.GetOptionResponseSchema, response, () => describe(response.option));
      return;
    }
    case 'set': {
      if (!name || value === undefined) throw new UsageError('needs <name> <json-value>');
      const current = await client.getOption({ name }, call);
      const expected = ctx.flags['expected-version'];
      const response = await client.setOption(
        {
          name,
          value: optionValueFromJson(current.option?.type ?? opts.OptionType.UNSPECIFIED, value),
          expectedVersion: typeof expected === 'string' ? parseUint(expected, 'expected-version') : undefined,
          author: String(ctx.flags['author'] ?? process.env['USER'] ?? 'mindex-cli'),
        },
        call,
      );
      ctx.output.message(configuration.SetOptionResponseSchema, response, () => describe(response.option));
      return;
    }
    default:
      throw new UsageError('options needs list, get or set');
  }
}

function describe(option: opts.Option | undefined): string[] {
  if (!option) return [];
  return [
    `${option.name} (${opts.OptionType[option.type]?.toLowerCase()})`,
    `  value:   ${formatValue(option.value)}${option.isDefault ? ' (default)' : ''}`,
    `  default: ${formatValue(option.defaultValue)}`,
    `  version: ${option.version}${option.updatedBy ? ` by ${option.updatedBy}` : ''}`,
    `  ${option.description}`,
  ];
}

function formatValue(value: opts.OptionValue | undefined): string {
  if (!value) return 'null';
  const json = toJson(opts.OptionValueSchema, value) as Record<string, unknown>;
  return JSON.stringify(Object.values(json)[0] ?? null);
}
