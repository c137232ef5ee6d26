import { codePointLength } from '@mindex/mri';
import type { commonBuckets } from '@mindex/proto';
import type { UseCaseId, UseCaseKey, UseCaseRegistry } from '@mindex/use-case-registry';
import { ingestProfileOf, type IngestProfile } from './ingest-profile.js';

/** Reasons an invalid bucket is reported with (the proto's InvalidOutcome.reason). */
export type InvalidReason =
  | 'invalid_mri'
  | 'unknown_use_case'
  | 'invalid_metric_name'
  | 'invalid_metric_type'
  | 'invalid_tags'
  | 'invalid_value'
  | 'invalid_retention_days'
  | 'invalid_org_id'
  | 'invalid_project_id'
  | 'invalid_timestamp';

/** A bucket that passed validation, with what the later stages need. */
export interface ValidBucket {
  readonly source: commonBuckets.MetricBucket;
  readonly useCase: UseCaseId;
  readonly path: UseCaseKey;
  readonly profile: IngestProfile;
  /** Tags in input order. */
  readonly tags: readonly (readonly [string, string])[];
  readonly retentionDays: number;
}

export type BucketValidation =
  | { readonly ok: true; readonly bucket: ValidBucket }
  | { readonly ok: false; readonly reason: InvalidReason; readonly message: string };

export const ACCEPTED_METRIC_TYPES: ReadonlySet<string> = new Set(['c', 'd', 's', 'g']);
export const DEFAULT_RETENTION_DAYS = 90;
export const MAX_RETENTION_DAYS = 65535;
const MAX_ORG_ID = (1n << 63n) - 1n;
/** Ids are stored as int64 downstream (the query service refuses larger ones). */
const MAX_PROJECT_ID = (1n << 63n) - 1n;
/** 9999-12-31T23:59:59Z: the latest timestamp the query service (and a JS Date) accepts. */
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;
/** Messages quote input; hostile input must not make them huge. */
const QUOTE_LIMIT = 120;

/** The kinds of value each metric type accepts (encoded series carry sets and distributions). */
const VALUE_KINDS: Readonly<Record<string, readonly string[]>> = {
  c: ['counter'],
  d: ['distribution', 'encoded'],
  s: ['set', 'encoded'],
  g: ['gauge'],
};
const ENCODED_FORMATS: ReadonlySet<string> = new Set(['base64', 'zstd']);

function quote(s: string): string {
  return s.length > QUOTE_LIMIT ? `${s.slice(0, QUOTE_LIMIT)}…` : s;
}

/** True when `s` is longer than `limit` code points; cheap for short strings (code points ≤ UTF-16 units). */
export function exceedsCodePoints(s: string, limit: number): boolean {
  return s.length > limit && codePointLength(s) > limit;
}

const invalid = (reason: InvalidReason, message: string): BucketValidation => ({
  ok: false,
  reason,
  message,
});

/**
 * Validates one bucket as Sentry's consumer does (spec §7.3), in its order: MRI and use case, name length,
 * type, tags; plus what Sentry's schema only warned about (org id range, value shape, retention).
 */
export function validateBucket(
  bucket: commonBuckets.MetricBucket,
  registry: UseCaseRegistry,
  names: Map<string, NameCheck> = new Map(),
): BucketValidation {
  if (bucket.orgId > MAX_ORG_ID) return invalid('invalid_org_id', `Invalid org id: ${bucket.orgId}`);
  if (bucket.projectId > MAX_PROJECT_ID) {
    return invalid(
      'invalid_project_id',
      `Invalid project id: ${bucket.projectId} (at most ${MAX_PROJECT_ID})`,
    );
  }
  if (bucket.timestamp > MAX_TIMESTAMP_SECONDS) {
    return invalid(
      'invalid_timestamp',
      `Invalid timestamp: ${bucket.timestamp} (at most ${MAX_TIMESTAMP_SECONDS})`,
    );
  }

  let name = names.get(bucket.name);
  if (name === undefined) names.set(bucket.name, (name = checkName(bucket.name, registry)));
  if (!name.ok) return name;
  const { useCase, path, profile } = name;
  if (!ACCEPTED_METRIC_TYPES.has(bucket.type)) {
    return invalid('invalid_metric_type', `Invalid metric type: ${quote(bucket.type)}`);
  }

  const tags = Object.entries(bucket.tags);
  for (const [key, value] of tags) {
    if (exceedsCodePoints(key, profile.maxTagKeyLength)) {
      return invalid(
        'invalid_tags',
        `Invalid metric tags: key ${quote(key)} is longer than ${profile.maxTagKeyLength} code points`,
      );
    }
    if (exceedsCodePoints(value, profile.maxTagValueLength)) {
      return invalid(
        'invalid_tags',
        `Invalid metric tags: value of ${quote(key)} is longer than ${profile.maxTagValueLength} code points`,
      );
    }
  }

  const valueProblem = checkValue(bucket);
  if (valueProblem !== undefined) return invalid('invalid_value', valueProblem);

  const retentionDays = bucket.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (retentionDays > MAX_RETENTION_DAYS) {
    return invalid(
      'invalid_retention_days',
      `Invalid retention days: ${retentionDays} (at most ${MAX_RETENTION_DAYS})`,
    );
  }

  return {
    ok: true,
    bucket: { source: bucket, useCase, path, profile, tags, retentionDays },
  };
}

/** What a metric name alone decides: its use case (or why it is invalid). Cached per batch by name. */
export type NameCheck =
  | {
      readonly ok: true;
      readonly useCase: UseCaseId;
      readonly path: UseCaseKey;
      readonly profile: IngestProfile;
    }
  | Extract<BucketValidation, { ok: false }>;

function checkName(name: string, registry: UseCaseRegistry): NameCheck {
  const useCase = registry.extractUseCaseId(name);
  if (!useCase.ok) {
    return {
      ok: false,
      reason: useCase.error.reason === 'invalid_mri' ? 'invalid_mri' : 'unknown_use_case',
      message: quoteMessage(useCase.error.message),
    };
  }
  const path = registry.metricPath(useCase.useCaseId)!;
  const profile = ingestProfileOf(path);
  if (exceedsCodePoints(name, profile.maxNameLength)) {
    return { ok: false, reason: 'invalid_metric_name', message: `Invalid metric name: ${quote(name)}` };
  }
  return { ok: true, useCase: useCase.useCaseId, path, profile };
}

function quoteMessage(message: string): string {
  return message.length > QUOTE_LIMIT * 2 ? `${message.slice(0, QUOTE_LIMIT * 2)}…` : message;
}

function checkValue(bucket: commonBuckets.MetricBucket): string | undefined {
  const kind = bucket.value?.kind;
  if (kind === undefined || kind.case === undefined) return 'Invalid value: a value is required';
  if (bucket.samplingWeight !== undefined && !(bucket.samplingWeight >= 1)) {
    return `Invalid value: sampling weight ${bucket.samplingWeight} is below 1`;
  }
  if (!VALUE_KINDS[bucket.type]!.includes(kind.case)) {
    return `Invalid value: a ${kind.case} value does not fit metric type ${bucket.type}`;
  }
  switch (kind.case) {
    case 'counter':
      return Number.isFinite(kind.value) ? undefined : 'Invalid value: the counter is not a finite number';
    case 'distribution':
      return kind.value.values.every(Number.isFinite)
        ? undefined
        : 'Invalid value: a distribution value is not finite';
    case 'gauge': {
      const { min, max, sum, last } = kind.value;
      return [min, max, sum, last].every(Number.isFinite)
        ? undefined
        : 'Invalid value: a gauge field is not finite';
    }
    case 'encoded':
      return ENCODED_FORMATS.has(kind.value.format)
        ? undefined
        : `Invalid value: unknown encoding ${quote(kind.value.format)} (base64 or zstd)`;
    case 'set':
      return undefined;
  }
}
