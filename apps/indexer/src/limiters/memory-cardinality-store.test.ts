import { cardinalityStoreContract } from '../../test/contracts/cardinality-store-contract.js';
import { createMemoryCardinalityStore } from './memory-cardinality-store.js';

cardinalityStoreContract('in-memory', async () => createMemoryCardinalityStore());
