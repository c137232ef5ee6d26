import { neverSetState, stateAfter, type OptionChange } from './option-change.js';
import type { OptionStore } from './option-store.js';

/** An OptionStore in process memory, for service tests; same contract as the MongoDB one. */
export function createInMemoryOptionStore(now: () => Date = () => new Date()): OptionStore {
  const changes: OptionChange[] = [];
  const latest = new Map<string, OptionChange>();

  const stateAt = (name: string, version: number) => {
    for (let i = Math.min(version, changes.length) - 1; i >= 0; i--) {
      const change = changes[i];
      if (change?.name === name) return stateAfter(change);
    }
    return neverSetState(name);
  };

  return {
    currentVersion: async () => changes.length,
    state: async (name) => {
      const change = latest.get(name);
      return change === undefined ? neverSetState(name) : stateAfter(change);
    },
    snapshot: async (names) => {
      const version = changes.length;
      return { version, options: names.map((name) => stateAt(name, version)) };
    },
    write: async ({ name, value, expectedVersion, author }) => {
      const previous = latest.get(name);
      const currentVersion = previous?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
        return { ok: false, reason: 'version_mismatch', currentVersion };
      }
      if (value === undefined && previous?.newValue === undefined) {
        return {
          ok: true,
          state: previous === undefined ? neverSetState(name) : stateAfter(previous),
          change: undefined,
        };
      }
      const change: OptionChange = {
        version: changes.length + 1,
        name,
        previousVersion: currentVersion,
        previousValue: previous?.newValue,
        newValue: value,
        changedAt: now(),
        author,
      };
      changes.push(change);
      latest.set(name, change);
      return { ok: true, state: stateAfter(change), change };
    },
    listChanges: async ({ name, beforeVersion, limit }) =>
      changes
        .filter(
          (c) =>
            (name === undefined || c.name === name) &&
            (beforeVersion === undefined || c.version < beforeVersion),
        )
        .reverse()
        .slice(0, limit),
    changesAfter: async (afterVersion, limit) =>
      changes.slice(Math.max(0, afterVersion), afterVersion + limit),
  };
}
