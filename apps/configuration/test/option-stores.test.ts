import { createInMemoryOptionStore } from '../src/options/in-memory-option-store.js';
import { createMongoOptionStore } from '../src/options/mongo-option-store.js';
import { describeOptionStoreContract } from './support/option-store-contract.js';
import { openTestDatabase } from './support/test-database.js';

describeOptionStoreContract('in-memory option store', async () => ({
  store: createInMemoryOptionStore(),
  close: async () => undefined,
}));

describeOptionStoreContract('MongoDB option store on FerretDB', async () => {
  const database = await openTestDatabase();
  const store = createMongoOptionStore(database.db);
  await store.ensureIndexes();
  return { store, close: () => database.drop() };
});
