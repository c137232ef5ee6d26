import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type Client } from '@connectrpc/connect';
import { configuration, configurationOptions } from '@mindex/proto';
import { OPTION_DEFINITIONS, optionValueToWire, type OptionDefinition } from '@mindex/runtime-options';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export type ConfigurationClient = Client<typeof configuration.ConfigurationService>;

/** A running service under test and clients with the admin token, without any, and with a wrong one. */
export interface ServiceUnderTest {
  client: ConfigurationClient;
  anonymous: ConfigurationClient;
  wrongToken: ConfigurationClient;
  close(): Promise<void>;
}

export const ADMIN_TOKEN = 'test-admin-token';

type WireValue = MessageInitShape<typeof configurationOptions.OptionValueSchema>;

/** A message (or part of one) without protobuf-es `$typeName` fields, to compare with plain init objects. */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '$typeName')
      .map(([key, v]) => [key, plain(v)]),
  );
}

export async function rpcError(promise: Promise<unknown>): Promise<{ code: Code; message: string }> {
  try {
    await promise;
  } catch (err) {
    const error = ConnectError.from(err);
    return { code: error.code, message: error.rawMessage };
  }
  throw new Error('expected the call to fail');
}

const quotaList = (...quotas: [number, number, number][]): WireValue => ({
  kind: {
    case: 'quotaList',
    value: {
      quotas: quotas.map(([w, g, l]) => ({
        windowSeconds: BigInt(w),
        granularitySeconds: BigInt(g),
        limit: BigInt(l),
      })),
    },
  },
});

/** A valid non-default value and invalid values (with the expected message) for an option. */
function samples(d: OptionDefinition): { valid: WireValue; invalid: [WireValue, string][] } {
  const wrongKind: [WireValue, string] =
    d.type === 'bool'
      ? [{ kind: { case: 'intValue', value: 1n } }, `value: option ${d.name} holds a bool, not a int`]
      : [
          { kind: { case: 'boolValue', value: true } },
          `value: option ${d.name} holds a ${d.type}, not a bool`,
        ];
  switch (d.type) {
    case 'bool':
      return { valid: { kind: { case: 'boolValue', value: true } }, invalid: [wrongKind] };
    case 'int': {
      const min = d.constraints.min ?? 0;
      return {
        valid: { kind: { case: 'intValue', value: 60n } },
        invalid: [
          [{ kind: { case: 'intValue', value: BigInt(min - 1) } }, 'value.int_value: must be'],
          wrongKind,
        ],
      };
    }
    case 'double':
      return {
        valid: { kind: { case: 'doubleValue', value: 0.5 } },
        invalid: [
          [{ kind: { case: 'doubleValue', value: 1.5 } }, 'value.double_value: must be in [0, 1], got 1.5'],
          [{ kind: { case: 'doubleValue', value: -0.1 } }, 'value.double_value: must be in [0, 1], got -0.1'],
          wrongKind,
        ],
      };
    case 'quota-list':
      if (d.constraints.exactQuotas !== undefined) {
        return {
          valid: quotaList([600, 60, 5]),
          invalid: [
            [quotaList(), 'value.quota_list: must hold exactly 1 quota, got 0'],
            [quotaList([600, 60, 5], [3600, 600, 50]), 'value.quota_list: must hold exactly 1 quota, got 2'],
            [
              quotaList([650, 60, 5]),
              'value.quota_list.quotas[0].window_seconds: 650 is not a multiple of granularity_seconds 60',
            ],
            wrongKind,
          ],
        };
      }
      return {
        valid: quotaList([60, 10, 5], [3600, 600, 100]),
        invalid: [
          [
            quotaList([60, 10, 5], [65, 10, 5]),
            'value.quota_list.quotas[1].window_seconds: 65 is not a multiple of granularity_seconds 10',
          ],
          [
            quotaList([60, 0, 5]),
            'value.quota_list.quotas[0].granularity_seconds: must be a positive integer',
          ],
          [quotaList([0, 10, 5]), 'value.quota_list.quotas[0].window_seconds: must be a positive integer'],
          wrongKind,
        ],
      };
    case 'string-list':
      return {
        valid: { kind: { case: 'stringList', value: { values: ['custom'] } } },
        invalid: [
          [
            { kind: { case: 'stringList', value: { values: [''] } } },
            'value.string_list.values[0]: must be a non-empty',
          ],
          wrongKind,
        ],
      };
    case 'rate-map':
      return {
        valid: { kind: { case: 'rateMap', value: { rates: { transactions: 0 } } } },
        invalid: [
          [
            { kind: { case: 'rateMap', value: { rates: { transactions: 2 } } } },
            'value.rate_map.rates["transactions"]: must be in [0, 1], got 2',
          ],
          wrongKind,
        ],
      };
    case 'string':
      return { valid: { kind: { case: 'stringValue', value: 'x' } }, invalid: [wrongKind] };
  }
}

interface BlockingPatch {
  projectIds?: bigint[];
  metricMri?: string;
  blockMetric?: boolean;
  blockTags?: string[];
  unblockTags?: string[];
}

const WRITES_SPANS = 'sentry-metrics.writes-limiter.limits.spans.per-org';
const TEN_SECOND = 'sentry-metrics.10s-granularity';
const BOOL_TRUE: WireValue = { kind: { case: 'boolValue', value: true } };
const BOOL_FALSE: WireValue = { kind: { case: 'boolValue', value: false } };

/** The ConfigurationService behaviours, run against any way of serving it. */
export function describeConfigurationService(label: string, start: () => Promise<ServiceUnderTest>): void {
  describe(label, () => {
    let service: ServiceUnderTest;
    let client: ConfigurationClient;
    beforeEach(async () => {
      service = await start();
      client = service.client;
    });
    afterEach(async () => {
      await service.close();
    });

    describe('ingest configurations', () => {
      it('returns the release-health configuration with every field', async () => {
        const { configuration: config } = await client.getIngestConfiguration({
          useCaseKey: 'release-health',
        });
        expect(config).toMatchObject({
          useCaseKey: configuration.UseCaseKey.RELEASE_HEALTH,
          useCaseKeyValue: 'release-health',
          dbBackend: 'mongodb',
          inputTopic: 'ingest-metrics',
          outputTopic: 'snuba-metrics',
          dlqTopic: 'ingest-metrics-dlq',
          internalMetricsTag: 'release-health',
          writesLimiterNamespace: 'releasehealth',
          cardinalityLimiterNamespace: 'releasehealth',
          cardinalityLimiterClusterOptions: { cluster: 'default', num_shards: '1', num_physical_shards: '1' },
          cardinalityLimiterRolloutOption: 'sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate',
          shouldIndexTagValues: true,
          schemaValidationRuleOptionName: 'sentry-metrics.indexer.release-health.schema-validation-rules',
          isOutputSliced: false,
          maxNameLength: 200,
          maxTagKeyLength: 200,
          maxTagValueLength: 200,
        });
      });

      it('returns the performance configuration with every field', async () => {
        const { configuration: config } = await client.getIngestConfiguration({ useCaseKey: 'performance' });
        expect(config).toMatchObject({
          useCaseKey: configuration.UseCaseKey.PERFORMANCE,
          useCaseKeyValue: 'performance',
          inputTopic: 'ingest-performance-metrics',
          outputTopic: 'snuba-generic-metrics',
          dlqTopic: 'ingest-generic-metrics-dlq',
          internalMetricsTag: 'perf',
          writesLimiterNamespace: 'performance',
          cardinalityLimiterNamespace: 'performance',
          cardinalityLimiterRolloutOption: 'sentry-metrics.cardinality-limiter.orgs-rollout-rate',
          shouldIndexTagValues: false,
          schemaValidationRuleOptionName: 'sentry-metrics.indexer.generic-metrics.schema-validation-rules',
          maxTagValueLength: 1000,
        });
      });

      it('lists both, release health first', async () => {
        const { configurations } = await client.listIngestConfigurations({});
        expect(configurations.map((c) => c.useCaseKeyValue)).toEqual(['release-health', 'performance']);
      });

      it.each([
        ['sessions', Code.NotFound, 'ingest configuration "sessions" not found'],
        ['', Code.InvalidArgument, 'use_case_key: required'],
      ])('refuses use-case key %j', async (useCaseKey, code, message) => {
        expect(await rpcError(client.getIngestConfiguration({ useCaseKey }))).toEqual({ code, message });
      });
    });

    describe('use cases', () => {
      it('lists the registry with keys, API access and option names', async () => {
        const { useCases } = await client.listUseCases({});
        const { PERFORMANCE, RELEASE_HEALTH } = configuration.UseCaseKey;
        const { PUBLIC, PRIVATE } = configuration.ApiAccess;
        expect(useCases.map((u) => [u.id, u.useCaseKey, u.apiAccess])).toEqual([
          ['spans', PERFORMANCE, PUBLIC],
          ['transactions', PERFORMANCE, PUBLIC],
          ['sessions', RELEASE_HEALTH, PUBLIC],
          ['escalating_issues', PERFORMANCE, PRIVATE],
          ['custom', PERFORMANCE, PUBLIC],
          ['profiles', PERFORMANCE, PRIVATE],
          ['metric_stats', PERFORMANCE, PRIVATE],
        ]);
        const transactions = useCases.find((u) => u.id === 'transactions');
        expect(transactions).toMatchObject({
          writesLimitPerOrgOption: 'sentry-metrics.writes-limiter.limits.performance.per-org',
          writesLimitGlobalOption: 'sentry-metrics.writes-limiter.limits.performance.global',
          cardinalityLimitOption: 'sentry-metrics.cardinality-limiter.limits.transactions.per-org',
        });
        const escalating = useCases.find((u) => u.id === 'escalating_issues');
        expect(escalating).toMatchObject({
          writesLimitPerOrgOption: 'sentry-metrics.writes-limiter.limits.generic-metrics.per-org',
          cardinalityLimitOption: 'sentry-metrics.cardinality-limiter.limits.generic-metrics.per-org',
        });
      });

      it('gets one use case; an unknown id is NOT_FOUND', async () => {
        const { useCase } = await client.getUseCase({ id: 'sessions' });
        expect(useCase?.writesLimitPerOrgOption).toBe(
          'sentry-metrics.writes-limiter.limits.releasehealth.per-org',
        );
        expect((await rpcError(client.getUseCase({ id: 'release-health' }))).code).toBe(Code.NotFound);
      });

      it.each([
        ['release-health', 'sessions'],
        ['performance', 'transactions'],
        ['spans', 'spans'],
        ['custom', 'custom'],
      ])('resolves %s to %s', async (value, id) => {
        expect((await client.resolveUseCase({ value })).useCase?.id).toBe(id);
      });

      it('does not resolve an unknown value', async () => {
        expect(await rpcError(client.resolveUseCase({ value: 'foo' }))).toEqual({
          code: Code.NotFound,
          message: 'The use case foo does not exist',
        });
      });
    });

    describe('option defaults', () => {
      it('lists every option at its default, sorted by name, at version 0', async () => {
        const { options, version } = await client.listOptions({});
        expect(version).toBe(0n);
        expect(options.map((o) => o.name)).toEqual(OPTION_DEFINITIONS.map((d) => d.name));
        for (const [i, option] of options.entries()) {
          const definition = OPTION_DEFINITIONS[i]!;
          expect(option.isDefault).toBe(true);
          expect(option.version).toBe(0n);
          expect(option.updatedAt).toBeUndefined();
          expect(option.description).toBe(definition.description);
          expect(plain(option.value?.kind)).toEqual(optionValueToWire(definition.defaultValue).kind);
          expect(plain(option.defaultValue?.kind)).toEqual(plain(option.value?.kind));
        }
      });

      it('filters by prefix', async () => {
        const { options } = await client.listOptions({
          prefix: 'sentry-metrics.cardinality-limiter.limits.',
        });
        expect(options).toHaveLength(6);
        expect(options[0]?.type).toBe(configurationOptions.OptionType.QUOTA_LIST);
      });

      it.each([
        ['sentry-metrics.cardinality-limiter.orgs-rollout-rate', { case: 'doubleValue', value: 1 }],
        ['sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate', { case: 'doubleValue', value: 0 }],
        ['mindex.indexer.cache.ttl-seconds', { case: 'intValue', value: 7200n }],
        ['sentry-metrics.cardinality-limiter.limits.spans.per-org', quotaList([3600, 600, 10000]).kind],
      ])('GetOption %s returns the spec default', async (name, kind) => {
        const { option } = await client.getOption({ name });
        expect(plain(option?.value?.kind)).toEqual(kind);
        expect(option?.isDefault).toBe(true);
      });

      it.each([
        ['nope', Code.NotFound, 'option "nope" not found'],
        ['', Code.InvalidArgument, 'name: required'],
      ])('GetOption %j fails', async (name, code, message) => {
        expect(await rpcError(client.getOption({ name }))).toEqual({ code, message });
      });
    });

    describe('option validation', () => {
      it.each(OPTION_DEFINITIONS.map((d) => [d.name, d] as const))(
        '%s accepts a valid value',
        async (name, d) => {
          const { valid } = samples(d);
          const { option } = await client.setOption({ name, value: valid, author: 'alice' });
          expect(plain(option?.value?.kind)).toEqual(valid.kind);
          expect(option).toMatchObject({ isDefault: false, version: 1n, updatedBy: 'alice' });
          expect(plain((await client.getOption({ name })).option?.value?.kind)).toEqual(valid.kind);
        },
      );

      it.each(OPTION_DEFINITIONS.map((d) => [d.name, d] as const))(
        '%s refuses invalid values',
        async (name, d) => {
          for (const [value, message] of samples(d).invalid) {
            const error = await rpcError(client.setOption({ name, value }));
            expect(error.code).toBe(Code.InvalidArgument);
            expect(error.message).toContain(message);
          }
          const { option } = await client.getOption({ name });
          expect(option?.isDefault).toBe(true);
        },
      );

      it('explains why a cardinality quota list must hold one quota', async () => {
        const error = await rpcError(
          client.setOption({
            name: 'sentry-metrics.cardinality-limiter.limits.custom.per-org',
            value: quotaList(),
          }),
        );
        expect(error.message).toContain('quotas cannot be empty');
        expect(error.message).toContain('set the orgs rollout rate to 0');
      });

      it('refuses a request without a value, an unknown option and a too-long author', async () => {
        expect(await rpcError(client.setOption({ name: TEN_SECOND }))).toEqual({
          code: Code.InvalidArgument,
          message: 'value: a value is required',
        });
        expect((await rpcError(client.setOption({ name: 'x.y', value: BOOL_TRUE }))).code).toBe(
          Code.NotFound,
        );
        expect(
          await rpcError(client.setOption({ name: TEN_SECOND, value: BOOL_TRUE, author: 'a'.repeat(201) })),
        ).toEqual({
          code: Code.InvalidArgument,
          message: 'author: longer than 200 code points',
        });
      });

      it('refuses 64-bit integers that do not fit', async () => {
        const error = await rpcError(
          client.setOption({
            name: 'mindex.indexer.cache.max-bytes',
            value: { kind: { case: 'intValue', value: 2n ** 60n } },
          }),
        );
        expect(error).toEqual({
          code: Code.InvalidArgument,
          message: `value.int_value: ${2n ** 60n} is out of range (at most 2^53-1)`,
        });
      });
    });

    describe('versions and the audit trail', () => {
      it('versions every change globally and records author, time and previous value', async () => {
        const before = Date.now();
        await client.setOption({ name: TEN_SECOND, value: BOOL_TRUE, author: 'alice' });
        await client.setOption({ name: WRITES_SPANS, value: quotaList([60, 10, 5]), author: 'bob' });
        const { option } = await client.setOption({ name: TEN_SECOND, value: BOOL_FALSE });
        expect(option).toMatchObject({ version: 3n, updatedBy: 'anonymous', isDefault: false });
        const { changes } = await client.listOptionChanges({});
        expect(changes.map((c) => [c.version, c.name, c.author])).toEqual([
          [3n, TEN_SECOND, 'anonymous'],
          [2n, WRITES_SPANS, 'bob'],
          [1n, TEN_SECOND, 'alice'],
        ]);
        expect(plain(changes[0]?.previousValue?.kind)).toEqual(BOOL_TRUE.kind);
        expect(plain(changes[0]?.newValue?.kind)).toEqual(BOOL_FALSE.kind);
        expect(changes[2]?.previousValue).toBeUndefined();
        const changedAt = Number(changes[0]?.changedAt?.seconds ?? 0n) * 1000;
        expect(changedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
        expect((await client.listOptions({})).version).toBe(3n);
      });

      it('filters and pages the trail', async () => {
        for (let i = 0; i < 5; i++) {
          await client.setOption({ name: TEN_SECOND, value: i % 2 === 0 ? BOOL_TRUE : BOOL_FALSE });
          await client.setOption({ name: WRITES_SPANS, value: quotaList([60, 10, i]) });
        }
        const page1 = await client.listOptionChanges({ name: TEN_SECOND, limit: 2 });
        expect(page1.changes.map((c) => c.version)).toEqual([9n, 7n]);
        const page2 = await client.listOptionChanges({ name: TEN_SECOND, limit: 2, beforeVersion: 7n });
        expect(page2.changes.map((c) => c.version)).toEqual([5n, 3n]);
        expect((await rpcError(client.listOptionChanges({ limit: 1001 }))).code).toBe(Code.InvalidArgument);
        expect((await rpcError(client.listOptionChanges({ name: 'nope' }))).code).toBe(Code.NotFound);
      });

      it('deletes an option back to its default, recording the previous value', async () => {
        await client.setOption({ name: WRITES_SPANS, value: quotaList([60, 10, 5]) });
        const { option } = await client.deleteOption({ name: WRITES_SPANS, author: 'carol' });
        expect(option).toMatchObject({ isDefault: true, version: 2n, updatedBy: 'carol' });
        expect(plain(option?.value?.kind)).toEqual(quotaList().kind);
        const { changes } = await client.listOptionChanges({ limit: 1 });
        expect(plain(changes[0]?.previousValue?.kind)).toEqual(quotaList([60, 10, 5]).kind);
        expect(changes[0]?.newValue).toBeUndefined();
      });

      it('deleting an option at its default records nothing', async () => {
        const { option } = await client.deleteOption({ name: WRITES_SPANS });
        expect(option).toMatchObject({ isDefault: true, version: 0n });
        expect((await client.listOptionChanges({})).changes).toEqual([]);
      });
    });

    describe('optimistic concurrency', () => {
      it('applies a write that names the current version', async () => {
        await client.setOption({ name: TEN_SECOND, value: BOOL_TRUE, expectedVersion: 0n });
        await client.setOption({ name: WRITES_SPANS, value: quotaList([60, 10, 5]) });
        const { option } = await client.setOption({
          name: TEN_SECOND,
          value: BOOL_FALSE,
          expectedVersion: 1n,
        });
        expect(option?.version).toBe(3n);
      });

      it('refuses a stale expected version with ABORTED and keeps the value', async () => {
        await client.setOption({ name: TEN_SECOND, value: BOOL_TRUE });
        expect(
          await rpcError(client.setOption({ name: TEN_SECOND, value: BOOL_FALSE, expectedVersion: 0n })),
        ).toEqual({
          code: Code.Aborted,
          message: `option ${TEN_SECOND} is at version 1, not the expected one`,
        });
        expect((await rpcError(client.deleteOption({ name: TEN_SECOND, expectedVersion: 7n }))).code).toBe(
          Code.Aborted,
        );
        expect(plain((await client.getOption({ name: TEN_SECOND })).option?.value?.kind)).toEqual(
          BOOL_TRUE.kind,
        );
      });

      it('lets exactly one of many concurrent writes from the same version win', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            client.setOption({ name: WRITES_SPANS, value: quotaList([60, 10, i]), expectedVersion: 0n }),
          ),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost.map((r) => ConnectError.from((r as PromiseRejectedResult).reason).code)).toEqual(
          Array(7).fill(Code.Aborted),
        );
        expect((await client.listOptionChanges({})).changes).toHaveLength(1);
      });

      it('serializes concurrent writes without an expected version into contiguous versions', async () => {
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            client.setOption({
              name: i % 2 === 0 ? WRITES_SPANS : TEN_SECOND,
              value: i % 2 === 0 ? quotaList([60, 10, i]) : BOOL_TRUE,
            }),
          ),
        );
        const { changes } = await client.listOptionChanges({});
        expect(changes.map((c) => c.version)).toEqual([10n, 9n, 8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n]);
      });
    });

    describe('security', () => {
      it.each<[string, (c: ConfigurationClient) => Promise<unknown>]>([
        ['SetOption', (c) => c.setOption({ name: TEN_SECOND, value: BOOL_TRUE })],
        ['DeleteOption', (c) => c.deleteOption({ name: TEN_SECOND })],
        [
          'SetOrganizationOptions',
          (c) => c.setOrganizationOptions({ orgId: 1n, metricsActivatePercentiles: false }),
        ],
        [
          'UpdateMetricBlocking',
          (c) =>
            c.updateMetricBlocking({
              orgId: 1n,
              projectIds: [1n],
              metricMri: 'c:custom/a@none',
              blockMetric: true,
            }),
        ],
      ])('%s needs the bearer token', async (_rpc, call) => {
        expect((await rpcError(call(service.anonymous))).code).toBe(Code.Unauthenticated);
        expect((await rpcError(call(service.wrongToken))).code).toBe(Code.PermissionDenied);
        expect((await client.listOptionChanges({})).changes).toEqual([]);
      });

      it('lets anyone read', async () => {
        await expect(service.anonymous.listOptions({})).resolves.toBeDefined();
        await expect(service.anonymous.getOperationsConfiguration({ orgId: 1n })).resolves.toBeDefined();
        await expect(
          service.anonymous.getMetricsBlockingState({ orgId: 1n, projectIds: [1n] }),
        ).resolves.toBeDefined();
      });
    });

    describe('watch', () => {
      it('streams a snapshot and then every change, and resumes from a version', async () => {
        await client.setOption({ name: TEN_SECOND, value: BOOL_TRUE });
        const abort = new AbortController();
        const stream = client.watchOptions({}, { signal: abort.signal })[Symbol.asyncIterator]();
        const first = await stream.next();
        expect(first.value?.event.case).toBe('snapshot');
        const snapshot = first.value?.event.value as configuration.OptionsSnapshot;
        expect(snapshot.version).toBe(1n);
        expect(snapshot.options).toHaveLength(OPTION_DEFINITIONS.length);
        expect(plain(snapshot.options.find((o) => o.name === TEN_SECOND)?.value?.kind)).toEqual(
          BOOL_TRUE.kind,
        );

        const started = Date.now();
        await client.setOption({ name: WRITES_SPANS, value: quotaList([60, 10, 5]), author: 'dave' });
        const second = await stream.next();
        expect(Date.now() - started).toBeLessThan(1000);
        const event = second.value?.event.value as configuration.OptionChangeEvent;
        expect(second.value?.event.case).toBe('change');
        expect(event.change?.version).toBe(2n);
        expect(event.option).toMatchObject({
          name: WRITES_SPANS,
          version: 2n,
          isDefault: false,
          updatedBy: 'dave',
        });

        await client.deleteOption({ name: TEN_SECOND });
        const third = await stream.next();
        const reset = third.value?.event.value as configuration.OptionChangeEvent;
        expect(reset.option).toMatchObject({ name: TEN_SECOND, version: 3n, isDefault: true });
        expect(plain(reset.option?.value?.kind)).toEqual(BOOL_FALSE.kind);
        abort.abort();

        // Resume after version 1: versions 2 and 3 are replayed, no snapshot.
        const resumeAbort = new AbortController();
        const resumed = client
          .watchOptions({ fromVersion: 1n }, { signal: resumeAbort.signal })
          [Symbol.asyncIterator]();
        const replay = [await resumed.next(), await resumed.next()].map((r) => r.value?.event);
        expect(replay.map((e) => e?.case)).toEqual(['change', 'change']);
        expect(replay.map((e) => (e?.value as configuration.OptionChangeEvent).change?.version)).toEqual([
          2n,
          3n,
        ]);
        await client.setOption({ name: TEN_SECOND, value: BOOL_TRUE });
        const live = (await resumed.next()).value?.event.value as configuration.OptionChangeEvent;
        expect(live.change?.version).toBe(4n);
        resumeAbort.abort();
      });

      it('sends a snapshot when resuming from a version the trail never reached', async () => {
        await client.setOption({ name: TEN_SECOND, value: BOOL_TRUE });
        const abort = new AbortController();
        const stream = client
          .watchOptions({ fromVersion: 99n }, { signal: abort.signal })
          [Symbol.asyncIterator]();
        const first = await stream.next();
        expect(first.value?.event.case).toBe('snapshot');
        expect((first.value?.event.value as configuration.OptionsSnapshot).version).toBe(1n);
        abort.abort();
      });

      it('resuming from the current version waits for the next change', async () => {
        await client.setOption({ name: TEN_SECOND, value: BOOL_TRUE });
        const abort = new AbortController();
        const stream = client
          .watchOptions({ fromVersion: 1n }, { signal: abort.signal })
          [Symbol.asyncIterator]();
        const next = stream.next();
        await client.setOption({ name: TEN_SECOND, value: BOOL_FALSE });
        expect(((await next).value?.event.value as configuration.OptionChangeEvent).change?.version).toBe(2n);
        abort.abort();
      });
    });

    describe('organization options and hidden operations', () => {
      it('defaults to percentiles on and last-for-gauges off', async () => {
        expect((await client.getOrganizationOptions({ orgId: 42n })).options).toMatchObject({
          orgId: 42n,
          metricsActivatePercentiles: true,
          metricsActivateLastForGauges: false,
        });
      });

      it('changes only the fields that are set', async () => {
        await client.setOrganizationOptions({ orgId: 42n, metricsActivateLastForGauges: true });
        const { options } = await client.setOrganizationOptions({
          orgId: 42n,
          metricsActivatePercentiles: false,
        });
        expect(options).toMatchObject({
          metricsActivatePercentiles: false,
          metricsActivateLastForGauges: true,
        });
        expect(
          (await client.getOrganizationOptions({ orgId: 43n })).options?.metricsActivatePercentiles,
        ).toBe(true);
      });

      it.each<
        [string, { metricsActivatePercentiles?: boolean; metricsActivateLastForGauges?: boolean }, string[]]
      >([
        ['defaults', {}, ['histogram', 'last', 'max_timestamp', 'min_timestamp']],
        [
          'percentiles disabled',
          { metricsActivatePercentiles: false },
          ['histogram', 'last', 'max_timestamp', 'min_timestamp', 'p50', 'p75', 'p90', 'p95', 'p99'],
        ],
        [
          'last for gauges enabled',
          { metricsActivateLastForGauges: true },
          ['histogram', 'max_timestamp', 'min_timestamp'],
        ],
        [
          'both flipped',
          { metricsActivatePercentiles: false, metricsActivateLastForGauges: true },
          ['histogram', 'max_timestamp', 'min_timestamp', 'p50', 'p75', 'p90', 'p95', 'p99'],
        ],
        [
          'both explicitly at their defaults',
          { metricsActivatePercentiles: true, metricsActivateLastForGauges: false },
          ['histogram', 'last', 'max_timestamp', 'min_timestamp'],
        ],
      ])('hides the spec §3.3 operations with %s', async (_label, patch, hidden) => {
        if (Object.keys(patch).length > 0) await client.setOrganizationOptions({ orgId: 7n, ...patch });
        expect((await client.getOperationsConfiguration({ orgId: 7n })).hiddenOperations).toEqual(hidden);
      });

      it('keeps concurrent changes of different options', async () => {
        await Promise.all([
          client.setOrganizationOptions({ orgId: 9n, metricsActivatePercentiles: false }),
          client.setOrganizationOptions({ orgId: 9n, metricsActivateLastForGauges: true }),
        ]);
        expect((await client.getOrganizationOptions({ orgId: 9n })).options).toMatchObject({
          metricsActivatePercentiles: false,
          metricsActivateLastForGauges: true,
        });
      });

      it('refuses an org id beyond 2^63-1', async () => {
        expect(await rpcError(client.getOrganizationOptions({ orgId: 2n ** 63n }))).toEqual({
          code: Code.InvalidArgument,
          message: 'org_id: must be at most 2^63-1',
        });
      });
    });

    describe('metric blocking', () => {
      const MRI = 'd:custom/page_load@millisecond';
      const OTHER = 'c:custom/clicks@none';
      const update = (patch: BlockingPatch) =>
        client.updateMetricBlocking({ orgId: 1n, projectIds: [10n, 11n], metricMri: MRI, ...patch });
      const state = async (projectIds = [10n, 11n, 12n]) =>
        (await client.getMetricsBlockingState({ orgId: 1n, projectIds })).projects.map((p) => ({
          projectId: p.projectId,
          metrics: p.metrics.map((m) => [m.metricMri, m.isBlocked, [...m.blockedTags]]),
          deniedNames: [...p.deniedNames],
        }));

      it('blocks a metric in every named project and reports it per project, in request order', async () => {
        const { projects } = await client.updateMetricBlocking({
          orgId: 1n,
          projectIds: [11n, 10n],
          metricMri: MRI,
          blockMetric: true,
        });
        expect(projects.map((p) => [p.projectId, p.blocking?.isBlocked])).toEqual([
          [11n, true],
          [10n, true],
        ]);
        expect(await state()).toEqual([
          { projectId: 10n, metrics: [[MRI, true, []]], deniedNames: [MRI] },
          { projectId: 11n, metrics: [[MRI, true, []]], deniedNames: [MRI] },
          { projectId: 12n, metrics: [], deniedNames: [] },
        ]);
      });

      it('merges tags: (old ∪ block) − unblock, and keeps is_blocked when unset', async () => {
        await update({ blockMetric: true, blockTags: ['env', 'release'] });
        const { projects } = await update({ blockTags: ['browser'], unblockTags: ['release'] });
        expect(projects[0]?.blocking).toMatchObject({ isBlocked: true, blockedTags: ['browser', 'env'] });
        await update({ blockMetric: false });
        expect(await state([10n])).toEqual([
          { projectId: 10n, metrics: [[MRI, false, ['browser', 'env']]], deniedNames: [] },
        ]);
      });

      it('deletes an entry that becomes empty and reports an empty blocking', async () => {
        await update({ blockTags: ['env'] });
        await client.updateMetricBlocking({
          orgId: 1n,
          projectIds: [10n],
          metricMri: OTHER,
          blockMetric: true,
        });
        const { projects } = await update({ unblockTags: ['env'] });
        expect(projects[0]?.blocking).toMatchObject({ metricMri: MRI, isBlocked: false, blockedTags: [] });
        expect(await state([10n, 11n])).toEqual([
          { projectId: 10n, metrics: [[OTHER, true, []]], deniedNames: [OTHER] },
          { projectId: 11n, metrics: [], deniedNames: [] },
        ]);
      });

      it('does not add an entry that would be empty', async () => {
        const { projects } = await update({ blockMetric: false, unblockTags: ['env'] });
        expect(projects[0]?.blocking).toMatchObject({ isBlocked: false, blockedTags: [] });
        expect(await state([10n])).toEqual([{ projectId: 10n, metrics: [], deniedNames: [] }]);
      });

      it('keeps organizations apart', async () => {
        await update({ blockMetric: true });
        const other = await client.getMetricsBlockingState({ orgId: 2n, projectIds: [10n] });
        expect(other.projects[0]?.metrics).toEqual([]);
      });

      it('keeps every concurrent update', async () => {
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            client.updateMetricBlocking({
              orgId: 1n,
              projectIds: [10n],
              metricMri: MRI,
              blockTags: [`tag${i}`],
            }),
          ),
        );
        const [project] = await state([10n]);
        expect(project?.metrics[0]?.[2]).toHaveLength(10);
      });

      it.each<[string, BlockingPatch, string]>([
        ['an invalid MRI', { metricMri: 'not an mri' }, 'metric_mri: not a valid MRI'],
        ['no MRI', { metricMri: '' }, 'metric_mri: required'],
        ['no projects', { projectIds: [] }, 'project_ids: required'],
        ['an empty tag', { blockTags: ['ok', ''] }, 'block_tags[1]: required'],
        [
          'a project id beyond 2^63-1',
          { projectIds: [1n, 2n ** 63n] },
          'project_ids[1]: must be at most 2^63-1',
        ],
      ])('refuses %s', async (_label, patch, message) => {
        expect(await rpcError(update(patch))).toEqual({ code: Code.InvalidArgument, message });
      });
    });
  });
}
