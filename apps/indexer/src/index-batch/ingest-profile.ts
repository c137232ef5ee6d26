import { UseCaseKey } from '@mindex/use-case-registry';

/** What differs between the two ingest pipelines (spec §6.3, §7.3). */
export interface IngestProfile {
  /** Tag values become ids (release health) or stay raw strings (generic, output `version: 2`). */
  readonly shouldIndexTagValues: boolean;
  readonly maxNameLength: number;
  readonly maxTagKeyLength: number;
  /** 200 for release health; 1000 for generic, whose values are not indexed (spec §7.3). */
  readonly maxTagValueLength: number;
  /** The `version` of the output bucket. */
  readonly outputVersion: number;
}

/** `MAX_INDEXED_COLUMN_LENGTH` (spec §6.1): the longest string the indexer stores. */
export const MAX_INDEXED_STRING_LENGTH = 200;

const RELEASE_HEALTH: IngestProfile = Object.freeze({
  shouldIndexTagValues: true,
  maxNameLength: MAX_INDEXED_STRING_LENGTH,
  maxTagKeyLength: MAX_INDEXED_STRING_LENGTH,
  maxTagValueLength: MAX_INDEXED_STRING_LENGTH,
  outputVersion: 1,
});

const PERFORMANCE: IngestProfile = Object.freeze({
  shouldIndexTagValues: false,
  maxNameLength: MAX_INDEXED_STRING_LENGTH,
  maxTagKeyLength: MAX_INDEXED_STRING_LENGTH,
  maxTagValueLength: 1000,
  outputVersion: 2,
});

export function ingestProfileOf(path: UseCaseKey): IngestProfile {
  return path === UseCaseKey.RELEASE_HEALTH ? RELEASE_HEALTH : PERFORMANCE;
}
