import { stringIndexerContract } from '../test/contracts/string-indexer-contract.js';
import { createMemoryHarness } from '../test/support/indexer-harness.js';

stringIndexerContract('in-memory stores', async (options) => createMemoryHarness(options));
