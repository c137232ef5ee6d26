import type { StringIndexer } from '../indexer/string-indexer.js';
import type { Admission } from './admission.js';
import type { CallSignals } from './call-signals.js';

/** A StringIndexer (the database layer) whose every call takes an admission slot for the current call. */
export function createAdmissionIndexer(
  inner: StringIndexer,
  admission: Admission,
  signals: CallSignals,
): StringIndexer {
  const admit = <T>(fn: () => Promise<T>): Promise<T> => admission.run(signals.current(), fn);
  return {
    bulkRecord: (groups) => admit(() => inner.bulkRecord(groups)),
    bulkResolve: (groups) => admit(() => inner.bulkResolve(groups)),
    reverseResolve: (useCase, orgId, id) => admit(() => inner.reverseResolve(useCase, orgId, id)),
    bulkReverseResolve: (useCase, orgId, ids) => admit(() => inner.bulkReverseResolve(useCase, orgId, ids)),
  };
}
