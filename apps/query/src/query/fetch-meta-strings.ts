import type { IndexerPort } from '../dependencies/indexer-port.js';

export interface MetaStrings {
  /** Per project, in the order of the rows, the strings of their ids (duplicates kept, as Sentry). */
  readonly byProject: Map<bigint, string[]>;
  /** Ids the indexer no longer knows; Sentry raises KeyError, here they are left out. */
  readonly unresolved: readonly bigint[];
}

/**
 * Steps 5-6 of Sentry's meta query (§3.6): bulk reverse resolve every id of the ordered rows, then
 * group the strings by project in row order.
 */
export async function fetchMetaStrings<T extends { readonly projectId: bigint }>(
  indexer: IndexerPort,
  useCase: string,
  orgId: bigint,
  rows: readonly T[],
  idOf: (row: T) => bigint,
): Promise<MetaStrings> {
  const ids = [...new Set(rows.map(idOf))].filter((id) => id > 0n);
  const strings =
    ids.length === 0 ? new Map<bigint, string>() : await indexer.bulkReverseResolve(useCase, orgId, ids);
  const byProject = new Map<bigint, string[]>();
  const unresolved = new Set<bigint>();
  for (const row of rows) {
    const string = strings.get(idOf(row));
    if (string === undefined) {
      unresolved.add(idOf(row));
      continue;
    }
    const list = byProject.get(row.projectId);
    if (list === undefined) byProject.set(row.projectId, [string]);
    else list.push(string);
  }
  return { byProject, unresolved: [...unresolved] };
}
