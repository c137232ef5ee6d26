import { openTestDatabase as open } from '@mindex/testing';

export { mongodbUri, type TestDatabase } from '@mindex/testing';

/** A fresh configuration test database on the integration server, dropped by `drop`. */
export const openTestDatabase = (prefix = 'mindex_configuration_test') => open(prefix);
