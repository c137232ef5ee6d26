import { DependencyError } from '../../src/dependencies/dependency-error.js';
import type { IndexerPort } from '../../src/dependencies/indexer-port.js';
import { createCompositeKeyMap } from '../../src/metadata/composite-key-map.js';

/** An in-memory indexer for tests: strings get ids on `add`; `down` makes every call fail as unavailable. */
export interface FakeIndexer extends IndexerPort {
  add(useCase: string, orgId: bigint, string: string, id?: bigint): bigint;
  down: boolean;
  readonly calls: string[];
}

export function createFakeIndexer(firstId = 1000n): FakeIndexer {
  const ids = createCompositeKeyMap<[string, bigint, string], bigint>();
  const strings = createCompositeKeyMap<[string, bigint, bigint], string>();
  let next = firstId;
  const fake: FakeIndexer = {
    down: false,
    calls: [],
    add(useCase, orgId, string, id) {
      const existing = ids.get([useCase, orgId, string]);
      if (existing !== undefined) return existing;
      const assigned = id ?? next++;
      ids.set([useCase, orgId, string], assigned);
      strings.set([useCase, orgId, assigned], string);
      return assigned;
    },
    async resolve(useCase, orgId, string) {
      guard('resolve');
      return ids.get([useCase, orgId, string]);
    },
    async reverseResolve(useCase, orgId, id) {
      guard('reverseResolve');
      return strings.get([useCase, orgId, id]);
    },
    async bulkReverseResolve(useCase, orgId, requested) {
      guard('bulkReverseResolve');
      const found = new Map<bigint, string>();
      for (const id of requested) {
        const string = strings.get([useCase, orgId, id]);
        if (string !== undefined) found.set(id, string);
      }
      return found;
    },
  };
  function guard(method: string): void {
    fake.calls.push(method);
    if (fake.down)
      throw new DependencyError('indexer service', 'unavailable', new Error('connection refused'));
  }
  return fake;
}
