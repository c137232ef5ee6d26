import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import { indexer } from '@mindex/proto';
import { createDependencyCaller, type DependencyCallOptions } from './dependency-caller.js';
import type { IndexerPort } from './indexer-port.js';

/** Ids per BulkReverseResolve call; larger lists are split. */
export const REVERSE_RESOLVE_CHUNK = 5000;

/** The IndexerPort over the indexer's gRPC API. Every call has a deadline; reads are retried once. */
export function createConnectIndexerPort(transport: Transport, options: DependencyCallOptions): IndexerPort {
  const client = createClient(indexer.IndexerService, transport);
  const call = createDependencyCaller('indexer service', options);
  return {
    async resolve(useCase, orgId, string) {
      const response = await call((o) => client.resolve({ useCase, orgId, string }, o));
      return response.result?.id;
    },
    async reverseResolve(useCase, orgId, id) {
      return call(async (o) => {
        try {
          const response = await client.reverseResolve({ useCase, orgId, id }, o);
          return response.result?.string;
        } catch (err) {
          // The indexer answers NOT_FOUND for an unknown id: an answer, not a failure.
          if (err instanceof ConnectError && err.code === Code.NotFound) return undefined;
          throw err;
        }
      });
    },
    async bulkReverseResolve(useCase, orgId, ids) {
      const chunks: bigint[][] = [];
      for (let i = 0; i < ids.length; i += REVERSE_RESOLVE_CHUNK)
        chunks.push(ids.slice(i, i + REVERSE_RESOLVE_CHUNK));
      const answers = await Promise.all(
        chunks.map((chunk) => call((o) => client.bulkReverseResolve({ useCase, orgId, ids: chunk }, o))),
      );
      const strings = new Map<bigint, string>();
      for (const answer of answers)
        for (const result of answer.results) strings.set(result.id, result.string);
      return strings;
    },
  };
}
