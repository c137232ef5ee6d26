import { openTestDatabase as open } from '@mindex/testing';
import type { MongoClientOptions } from 'mongodb';

export type { TestDatabase } from '@mindex/testing';

/** A fresh query test database on the integration server, dropped by `drop`. */
export const openTestDatabase = (prefix = 'mindex_query_test', clientOptions: MongoClientOptions = {}) =>
  open(prefix, clientOptions);
