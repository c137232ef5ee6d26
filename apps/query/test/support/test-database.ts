import { openTestDatabase as open } from '@mindex/testing';

export type { TestDatabase } from '@mindex/testing';

/** A fresh query test database on the integration server, dropped by `drop`. */
export const openTestDatabase = (prefix = 'mindex_query_test') => open(prefix);
