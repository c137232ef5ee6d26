import type { ConfigurationPort } from '../dependencies/configuration-port.js';
import type { IndexerPort } from '../dependencies/indexer-port.js';
import type { MetadataStore } from '../store/metadata-store.js';

/** What the metadata queries read: the service's own store and its two dependencies. */
export interface QueryDeps {
  readonly store: MetadataStore;
  readonly indexer: IndexerPort;
  readonly configuration: ConfigurationPort;
}

/** The organization, projects and days a metadata query covers. */
export interface MetaScope {
  readonly orgId: bigint;
  readonly projectIds: readonly bigint[];
  readonly start: Date;
  readonly end: Date;
  readonly now: Date;
}
