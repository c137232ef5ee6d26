import { create } from '@bufbuild/protobuf';
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import {
  formatMriField,
  formatMriFieldValue,
  getAvailableOperations,
  mriString,
  parseMri,
  parseMriField,
  type ParsedMri,
} from '@mindex/mri';
import { query } from '@mindex/proto';
import { invalidArgument, invalidArguments, type Logger } from '@mindex/rpc-server';
import { UseCaseKey, type UseCaseRegistry } from '@mindex/use-case-registry';
import { collectMetadata } from '../metadata/collect-metadata.js';
import { getMetricsMeta } from '../query/get-metrics-meta.js';
import { getTagKeys } from '../query/get-tag-keys.js';
import { getTagValues } from '../query/get-tag-values.js';
import { metaTimeRange } from '../query/meta-time-range.js';
import { createQueryHelpers } from '../query/query-helpers.js';
import type { MetaScope, QueryDeps } from '../query/query-deps.js';
import { createFieldChecks, type FieldChecks } from './field-checks.js';
import { mapDependencyError } from './map-dependency-error.js';
import {
  DEFAULT_TAG_VALUES_LIMIT,
  MAX_PREFIX_LENGTH,
  MAX_RAW_TAG_VALUE_LENGTH,
  MAX_RECORD_BUCKETS,
  MAX_STRING_LENGTH,
  MAX_TAG_VALUES_LIMIT,
} from './request-limits.js';

export interface QueryServiceDeps extends QueryDeps {
  readonly registry: UseCaseRegistry;
  readonly logger: Logger;
  now(): Date;
}

type QueryServiceImpl = ServiceImpl<typeof query.QueryService>;

/** The QueryService handlers (spec §2, §3, §8) over the metadata store, the indexer and configuration. */
export function createQueryService(deps: QueryServiceDeps): QueryServiceImpl {
  const { registry, logger } = deps;
  const helpers = createQueryHelpers({ indexer: deps.indexer, metricPath: (uc) => registry.metricPath(uc) });

  const checked = (checks: FieldChecks) => {
    if (checks.violations.length > 0) throw invalidArguments(checks.violations);
  };

  // The org, projects, use cases and days of a metadata request.
  const scopeOf = (
    checks: FieldChecks,
    request: { orgId: bigint; projectIds: bigint[]; useCases: string[]; timeRange?: query.TimeRange },
  ): { scope: MetaScope; useCases: string[] } => {
    const orgId = checks.orgId(request.orgId);
    const projectIds = checks.projectIds(request.projectIds);
    const useCases = checks.useCaseIds(request.useCases);
    const now = deps.now();
    const range = metaTimeRange(
      now,
      checks.timestamp(request.timeRange?.start),
      checks.timestamp(request.timeRange?.end),
    );
    if (!range.ok) checks.add('time_range', range.reason);
    checked(checks);
    const { start, end } = range.ok ? range : { start: now, end: now };
    return { scope: { orgId, projectIds, start, end, now }, useCases };
  };

  const logUnresolved = (useCase: string, ids: readonly bigint[]) => {
    if (ids.length > 0)
      logger.warn('stored ids the indexer does not know were left out', { use_case: useCase, ids });
  };

  const impl: QueryServiceImpl = {
    async recordBuckets(request) {
      if (request.buckets.length > MAX_RECORD_BUCKETS) {
        throw invalidArgument('buckets', `at most ${MAX_RECORD_BUCKETS} buckets`);
      }
      const collected = collectMetadata(request.buckets, { isUseCaseId: (v) => registry.isUseCaseId(v) });
      if (!collected.ok) throw invalidArguments(collected.violations);
      await deps.store.record(collected.batch);
      return { recorded: request.buckets.length };
    },

    async getMetricsMeta(request) {
      const { scope, useCases } = scopeOf(createFieldChecks(registry), request);
      const meta = await getMetricsMeta(deps, scope, useCases);
      for (const skipped of meta.skipped) logger.warn('metric left out of the metadata', { ...skipped });
      for (const { useCase, ids } of meta.unresolved) logUnresolved(useCase, ids);
      return {
        metrics: meta.metrics.map((m) =>
          create(query.MetricMetaSchema, {
            type: m.type,
            name: m.name,
            unit: m.unit,
            mri: m.mri,
            operations: [...m.operations],
            projectIds: [...m.projectIds],
            blockingStatus: m.blockingStatus.map((b) => ({ ...b, blockedTags: [...b.blockedTags] })),
          }),
        ),
      };
    },

    async getTagKeys(request) {
      const checks = createFieldChecks(registry);
      const mri = checks.string(request.mri, 'mri');
      const { scope, useCases } = scopeOf(checks, request);
      const result = await getTagKeys(deps, scope, useCases, mri);
      if (!result.ok) throw notFoundMessage(result.message);
      if (result.unresolved.length > 0)
        logger.warn('tag key ids the indexer does not know were left out', { ids: result.unresolved });
      return { tagKeys: result.tagKeys };
    },

    async getTagValues(request) {
      const checks = createFieldChecks(registry);
      const mri = checks.string(request.mri, 'mri');
      const tagKey = checks.string(request.tagKey, 'tag_key');
      const prefix = checks.string(request.prefix, 'prefix', {
        allowEmpty: true,
        maxLength: MAX_PREFIX_LENGTH,
      });
      if (request.limit > MAX_TAG_VALUES_LIMIT) checks.add('limit', `at most ${MAX_TAG_VALUES_LIMIT}`);
      const limit = request.limit === 0 ? DEFAULT_TAG_VALUES_LIMIT : request.limit;
      const { scope, useCases } = scopeOf(checks, request);
      const result = await getTagValues(deps, scope, useCases, { mri, tagKey, prefix, limit });
      if (!result.ok) throw notFoundMessage(result.message);
      return { tagValues: result.tagValues };
    },

    parseMri(request) {
      const parsed = parseMri(request.mri);
      return { parsed: parsed === null ? undefined : toParsedMriMessage(parsed) };
    },

    parseMriField(request) {
      const parsed = parseMriField(request.field);
      return {
        parsed: parsed === null ? undefined : { op: parsed.op, mri: toParsedMriMessage(parsed.mri) },
      };
    },

    formatMriField(request) {
      return { formatted: formatMriField(request.field) };
    },

    formatMriFieldValue(request) {
      return { formatted: formatMriFieldValue(request.field, request.value) };
    },

    async getAvailableOperations(request) {
      const checks = createFieldChecks(registry);
      if (request.orgId !== undefined) checks.orgId(request.orgId);
      const parsed = parseMri(request.mri);
      if (parsed === null) checks.add('mri', 'not a valid MRI');
      checked(checks);
      const available = getAvailableOperations(parsed!);
      if (!available.ok) throw invalidArgument('mri', available.error.message);
      if (request.orgId === undefined) return { operations: [...available.operations] };
      const hidden = new Set(await deps.configuration.hiddenOperations(request.orgId));
      return { operations: available.operations.filter((op) => !hidden.has(op)) };
    },

    async resolve(request) {
      const checks = createFieldChecks(registry);
      const [useCase, orgId, string] = helperArgs(
        checks,
        request.useCase,
        request.orgId,
        request.string,
        'string',
      );
      checked(checks);
      const result = await helpers.resolve(useCase, orgId, string);
      if (!result.ok) throw notFoundMessage(result.message);
      return { id: result.id };
    },

    async resolveWeak(request) {
      const checks = createFieldChecks(registry);
      const [useCase, orgId, string] = helperArgs(
        checks,
        request.useCase,
        request.orgId,
        request.string,
        'string',
      );
      checked(checks);
      return { id: (await helpers.resolveWeak(useCase, orgId, string)).toString() };
    },

    async resolveTagKey(request) {
      const checks = createFieldChecks(registry);
      const [useCase, orgId, tagKey] = helperArgs(
        checks,
        request.useCase,
        request.orgId,
        request.tagKey,
        'tag_key',
      );
      checked(checks);
      const result = await helpers.resolveTagKey(useCase, orgId, tagKey);
      if (!result.ok) throw notFoundMessage(result.message);
      return { column: result.column };
    },

    async resolveTagValue(request) {
      const checks = createFieldChecks(registry);
      const useCase = checks.useCase(request.useCase);
      const orgId = checks.orgId(request.orgId);
      // Performance tag values stay raw (up to 1000 code points); release-health values go to the indexer,
      // which stores at most 200. Empty values are values too.
      const rawValues = registry.metricPath(useCase) === UseCaseKey.PERFORMANCE;
      const tagValue = checks.string(request.tagValue, 'tag_value', {
        allowEmpty: true,
        maxLength: rawValues ? MAX_RAW_TAG_VALUE_LENGTH : MAX_STRING_LENGTH,
      });
      checked(checks);
      const resolved = await helpers.resolveTagValue(useCase, orgId, tagValue);
      return {
        value:
          'raw' in resolved
            ? { case: 'raw' as const, value: resolved.raw }
            : { case: 'id' as const, value: resolved.id.toString() },
      };
    },

    async reverseResolve(request) {
      const checks = createFieldChecks(registry);
      const useCase = checks.useCase(request.useCase);
      const orgId = checks.orgId(request.orgId);
      checked(checks);
      const result = await helpers.reverseResolve(useCase, orgId, request.id, request.weak);
      if (!result.ok) {
        if (result.reason === 'id_not_positive') throw invalidArgument('id', result.message);
        throw notFoundMessage(result.message);
      }
      return { string: result.string };
    },
  };
  return withDependencyErrors(impl);
}

function helperArgs(
  checks: FieldChecks,
  useCase: string,
  orgId: bigint,
  string: string,
  field: string,
): [string, bigint, string] {
  return [checks.useCase(useCase), checks.orgId(orgId), checks.string(string, field, { allowEmpty: true })];
}

function toParsedMriMessage(parsed: ParsedMri): query.ParsedMri {
  return create(query.ParsedMriSchema, { ...parsed, mri: mriString(parsed) });
}

// NOT_FOUND with the spec's own message ("Unknown metric: <mri>", "Unknown string: '<s>'").
function notFoundMessage(message: string): ConnectError {
  return new ConnectError(message, Code.NotFound);
}

function withDependencyErrors(impl: QueryServiceImpl): QueryServiceImpl {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(impl)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => unknown)(...args);
      } catch (err) {
        throw mapDependencyError(err);
      }
    };
  }
  return wrapped as QueryServiceImpl;
}
