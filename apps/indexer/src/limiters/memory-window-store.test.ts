import { windowStoreContract } from '../../test/contracts/window-store-contract.js';
import { createMemoryWindowStore } from './memory-window-store.js';

windowStoreContract('in-memory', async () => createMemoryWindowStore());
