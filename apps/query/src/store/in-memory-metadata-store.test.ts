import { describeMetadataStoreContract } from '../../test/support/metadata-store-contract.js';
import { createInMemoryMetadataStore } from './in-memory-metadata-store.js';

describeMetadataStoreContract('in memory', async () => ({
  store: createInMemoryMetadataStore(),
  teardown: async () => {},
}));
