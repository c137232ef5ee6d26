/** The metrics options of one organization as stored; undefined means "not set" (the default applies). */
export interface StoredOrgOptions {
  readonly activatePercentiles?: boolean;
  readonly activateLastForGauges?: boolean;
}

export interface OrgOptionsStore {
  get(orgId: bigint): Promise<StoredOrgOptions>;
  /** Sets the given fields, leaving the others; returns the options after the change. */
  update(orgId: bigint, patch: StoredOrgOptions): Promise<StoredOrgOptions>;
}
