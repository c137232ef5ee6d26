/**
 * What the query service needs from the indexer (spec §8): string ↔ id lookups of one use case and
 * organization. Implementations throw DependencyError when the indexer cannot answer.
 */
export interface IndexerPort {
  /** The id of a string, or undefined when the string is not indexed. */
  resolve(useCase: string, orgId: bigint, string: string): Promise<bigint | undefined>;
  /** The string of an id, or undefined when the id is unknown (or another organization's). */
  reverseResolve(useCase: string, orgId: bigint, id: bigint): Promise<string | undefined>;
  /** The strings of the known ids among `ids`; unknown ids are absent from the map. */
  bulkReverseResolve(useCase: string, orgId: bigint, ids: readonly bigint[]): Promise<Map<bigint, string>>;
}
