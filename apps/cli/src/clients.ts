import { createClient, type Client, type Interceptor } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { configuration, indexer, query } from '@mindex/proto';

export interface Addresses {
  indexer: string;
  configuration: string;
  query: string;
}

export interface Clients {
  indexer: Client<typeof indexer.IndexerService>;
  configuration: Client<typeof configuration.ConfigurationService>;
  query: Client<typeof query.QueryService>;
}

/** Connect clients over gRPC for every service; each call carries the admin token when one is given. */
export function createClients(addresses: Addresses, token: string | undefined): Clients {
  const interceptors: Interceptor[] = token
    ? [
        (next) => (req) => {
          req.header.set('authorization', `Bearer ${token}`);
          return next(req);
        },
      ]
    : [];
  const transport = (address: string) => createGrpcTransport({ baseUrl: `http://${address}`, interceptors });
  return {
    indexer: createClient(indexer.IndexerService, transport(addresses.indexer)),
    configuration: createClient(configuration.ConfigurationService, transport(addresses.configuration)),
    query: createClient(query.QueryService, transport(addresses.query)),
  };
}
