import { createClient, createRouterTransport, type Interceptor } from '@connectrpc/connect';
import { configuration } from '@mindex/proto';
import { createLogger } from '@mindex/rpc-server';
import { OPTION_DEFINITIONS } from '@mindex/runtime-options';
import { referenceUseCaseRegistry } from '@mindex/use-case-registry';
import { ADMIN_TOKEN, describeConfigurationService } from '../../test/support/configuration-service-suite.js';
import { createInMemoryMetricBlockingStore } from '../blocking/in-memory-metric-blocking-store.js';
import { createInMemoryOptionStore } from '../options/in-memory-option-store.js';
import { createOptionWatchHub } from '../options/option-watch-hub.js';
import { createInMemoryOrgOptionsStore } from '../org/in-memory-org-options-store.js';
import { createAdminGuard } from './admin-guard.js';
import { createConfigurationService } from './configuration-service.js';

const bearer =
  (token: string | undefined): Interceptor =>
  (next) =>
  (req) => {
    if (token !== undefined) req.header.set('authorization', `Bearer ${token}`);
    return next(req);
  };

// The service over an in-memory transport and in-memory stores: the same behaviours as against FerretDB.
describeConfigurationService('ConfigurationService (in memory)', async () => {
  const optionStore = createInMemoryOptionStore();
  const watchHub = createOptionWatchHub({
    store: optionStore,
    optionNames: OPTION_DEFINITIONS.map((d) => d.name),
    logger: createLogger({ level: 'error', write: () => undefined }),
    pollIntervalMs: 50,
  });
  const impl = createConfigurationService({
    registry: referenceUseCaseRegistry(),
    optionStore,
    watchHub,
    orgOptionsStore: createInMemoryOrgOptionsStore(),
    blockingStore: createInMemoryMetricBlockingStore(),
    requireAdmin: createAdminGuard(ADMIN_TOKEN),
  });
  const clientWith = (token: string | undefined) =>
    createClient(
      configuration.ConfigurationService,
      createRouterTransport(({ service }) => service(configuration.ConfigurationService, impl), {
        transport: { interceptors: [bearer(token)] },
      }),
    );
  return {
    client: clientWith(ADMIN_TOKEN),
    anonymous: clientWith(undefined),
    wrongToken: clientWith('wrong'),
    close: async () => watchHub.close(),
  };
});
