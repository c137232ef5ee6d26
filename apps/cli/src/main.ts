#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConnectError } from '@connectrpc/connect';
import { createClients } from './clients.js';
import { UsageError, type CommandContext } from './command-context.js';
import { importStrings } from './commands/import-strings.js';
import { meta } from './commands/meta.js';
import { options } from './commands/options.js';
import { recordOrResolve } from './commands/record.js';
import { reverse } from './commands/reverse.js';
import { createOutput } from './output.js';

const USAGE = `usage: mindex [flags] <command> [args]

commands:
  record  <use-case> <org> <string...>      get or create ids
  resolve <use-case> <org> <string...>      look up ids without creating them
  reverse <use-case> <org> <id...>          strings of ids
  meta    <org> <project[,project...]>      metrics metadata (--use-case a,b)
  options list [prefix] | get <name> | set <name> <json> [--expected-version N] [--author A]
  import  <use-case> <org> <file>           record every line of a file (--batch-size N)

flags:
  --indexer host:port        (env MINDEX_INDEXER_ADDRESS, default 127.0.0.1:50051)
  --configuration host:port  (env MINDEX_CONFIGURATION_ADDRESS, default 127.0.0.1:50052)
  --query host:port          (env MINDEX_QUERY_ADDRESS, default 127.0.0.1:50053)
  --token T                  admin token for option writes (env MINDEX_TOKEN)
  --timeout-ms N             deadline of each call (default 10000)
  --json                     machine-readable output`;

const COMMANDS: Record<string, (ctx: CommandContext, args: string[]) => Promise<void>> = {
  record: (ctx, args) => recordOrResolve(ctx, args, true),
  resolve: (ctx, args) => recordOrResolve(ctx, args, false),
  reverse,
  meta,
  options,
  import: importStrings,
};

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      indexer: { type: 'string', default: env['MINDEX_INDEXER_ADDRESS'] ?? '127.0.0.1:50051' },
      configuration: { type: 'string', default: env['MINDEX_CONFIGURATION_ADDRESS'] ?? '127.0.0.1:50052' },
      query: { type: 'string', default: env['MINDEX_QUERY_ADDRESS'] ?? '127.0.0.1:50053' },
      token: { type: 'string', default: env['MINDEX_TOKEN'] },
      'timeout-ms': { type: 'string', default: '10000' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'use-case': { type: 'string' },
      'expected-version': { type: 'string' },
      author: { type: 'string' },
      'batch-size': { type: 'string' },
    },
  });
  const [name, ...args] = positionals;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const ctx: CommandContext = {
    clients: createClients(values, values.token),
    output: createOutput(values.json),
    timeoutMs: Number(values['timeout-ms']),
    flags: values,
  };
  try {
    await command(ctx, args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`mindex ${name}: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const reason = error instanceof ConnectError ? `${error.code}: ${error.rawMessage}` : String(error);
    process.stderr.write(`mindex ${name}: ${reason}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2), process.env);
