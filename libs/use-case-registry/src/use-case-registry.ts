import { parseMri } from '@mindex/mri';
import {
  CARDINALITY_LIMIT_FALLBACK_OPTION,
  WRITES_LIMIT_FALLBACK_PREFIX,
  writesLimitOptionNamesForPrefix,
  type WritesLimitOptionNames,
} from './option-names.js';
import { REFERENCE_REVERSE_METRIC_PATH_MAPPING, REFERENCE_USE_CASES } from './reference-use-cases.js';
import { UseCaseApiAccess } from './use-case-api-access.js';
import type { UseCaseEntry } from './use-case-entry.js';
import { InvalidUseCaseRegistryError, UnknownUseCaseError, type UseCaseIdResult } from './use-case-error.js';
import type { UseCaseId } from './use-case-id.js';
import { isUseCaseKey, type UseCaseKey } from './use-case-key.js';
import { validateUseCaseEntries } from './validate-use-case-entries.js';

/** The use cases known to one process, with their mappings and option names (spec §1). Immutable. */
export interface UseCaseRegistry {
  readonly entries: readonly UseCaseEntry[];
  useCaseIds(): readonly UseCaseId[];
  isUseCaseId(value: string): boolean;
  get(useCaseId: UseCaseId): UseCaseEntry | undefined;
  /** `METRIC_PATH_MAPPING[useCaseId]`; undefined for an unregistered use case. */
  metricPath(useCaseId: UseCaseId): UseCaseKey | undefined;
  /** The registered use cases of one metric path, in registry order. */
  useCaseIdsOfKey(key: UseCaseKey): readonly UseCaseId[];
  /** `REVERSE_METRIC_PATH_MAPPING[key]`: the canonical use case of a path, if it has one. */
  reverseMetricPath(key: UseCaseKey): UseCaseId | undefined;
  /** `get_use_case_id_api_access`: PRIVATE for anything not marked PUBLIC, unknown use cases included. */
  apiAccess(useCaseId: UseCaseId): UseCaseApiAccess;
  /**
   * `to_use_case_id` for trusted values: a registered id is returned as is, a key becomes its canonical
   * use case. Throws UnknownUseCaseError otherwise (a bug in the caller); parse untrusted input with
   * `stringToUseCaseId`.
   */
  toUseCaseId(value: UseCaseId | UseCaseKey): UseCaseId;
  /** `string_to_use_case_id`: a use-case id, else a use-case key's canonical id, else an error. */
  stringToUseCaseId(value: string): UseCaseIdResult;
  /** `extract_use_case_id`: the use case named by an MRI's namespace. */
  extractUseCaseId(mri: string): UseCaseIdResult;
  /** The `.per-org` and `.global` writes-limit options, with the generic-metrics fallback. */
  writesLimitOptionNames(useCaseId: UseCaseId): WritesLimitOptionNames;
  /** The per-org cardinality-limit option, with the generic-metrics fallback. */
  cardinalityLimitOptionName(useCaseId: UseCaseId): string;
}

/**
 * Builds a registry from data (the reference table by default), so a use case can be added without
 * code changes. Throws InvalidUseCaseRegistryError listing every problem when the rows are inconsistent.
 */
export function createUseCaseRegistry(
  entries: readonly UseCaseEntry[] = REFERENCE_USE_CASES,
  reverseMetricPathMapping: Readonly<
    Partial<Record<UseCaseKey, UseCaseId>>
  > = REFERENCE_REVERSE_METRIC_PATH_MAPPING,
): UseCaseRegistry {
  const problems = validateUseCaseEntries(entries, reverseMetricPathMapping);
  if (problems.length > 0) throw new InvalidUseCaseRegistryError(problems);

  const rows: readonly UseCaseEntry[] = Object.freeze(entries.map((entry) => Object.freeze({ ...entry })));
  const byId = new Map(rows.map((entry) => [entry.id, entry]));
  const reverse = new Map(Object.entries(reverseMetricPathMapping));
  const ids = Object.freeze(rows.map((entry) => entry.id));

  const stringToUseCaseId = (value: string): UseCaseIdResult => {
    if (byId.has(value)) return { ok: true, useCaseId: value };
    if (!isUseCaseKey(value)) {
      return {
        ok: false,
        error: { reason: 'unknown_use_case', message: `The use case ${value} does not exist` },
      };
    }
    const canonical = reverse.get(value);
    if (canonical === undefined) {
      const message = `The use case key ${value} has no canonical use case`;
      return { ok: false, error: { reason: 'unmapped_use_case_key', message } };
    }
    return { ok: true, useCaseId: canonical };
  };

  return {
    entries: rows,
    useCaseIds: () => ids,
    isUseCaseId: (value) => byId.has(value),
    get: (useCaseId) => byId.get(useCaseId),
    metricPath: (useCaseId) => byId.get(useCaseId)?.metricPath,
    useCaseIdsOfKey: (key) => rows.filter((entry) => entry.metricPath === key).map((entry) => entry.id),
    reverseMetricPath: (key) => reverse.get(key),
    apiAccess: (useCaseId) => byId.get(useCaseId)?.apiAccess ?? UseCaseApiAccess.PRIVATE,
    toUseCaseId(value) {
      const result = stringToUseCaseId(value);
      if (result.ok) return result.useCaseId;
      throw new UnknownUseCaseError(
        result.error.reason === 'unmapped_use_case_key' ? 'unmapped_use_case_key' : 'unknown_use_case',
        value,
      );
    },
    stringToUseCaseId,
    extractUseCaseId(mri) {
      const parsed = parseMri(mri);
      if (parsed === null) {
        return { ok: false, error: { reason: 'invalid_mri', message: `The MRI ${mri} is not valid` } };
      }
      if (byId.has(parsed.namespace)) return { ok: true, useCaseId: parsed.namespace };
      const message = `The use case of the MRI ${parsed.namespace} does not exist`;
      return { ok: false, error: { reason: 'unknown_use_case', message } };
    },
    writesLimitOptionNames: (useCaseId) =>
      writesLimitOptionNamesForPrefix(
        byId.get(useCaseId)?.writesLimitOptionPrefix ?? WRITES_LIMIT_FALLBACK_PREFIX,
      ),
    cardinalityLimitOptionName: (useCaseId) =>
      byId.get(useCaseId)?.cardinalityLimitOption ?? CARDINALITY_LIMIT_FALLBACK_OPTION,
  };
}
