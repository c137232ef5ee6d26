import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import {
  MetricsApiOrgOption,
  METRICS_API_ORG_OPTION_DEFAULTS,
  generateOperationsConfig,
  parseMri,
} from '@mindex/mri';
import { configuration } from '@mindex/proto';
import { invalidArgument, notFound } from '@mindex/rpc-server';
import { getOptionDefinition, listOptionDefinitions, type OptionDefinition } from '@mindex/runtime-options';
import type { UseCaseRegistry } from '@mindex/use-case-registry';
import { applyMetricOperation, blockingState, type MetricBlocking } from '../blocking/metric-blocking.js';
import type { MetricBlockingStore } from '../blocking/metric-blocking-store.js';
import { INGEST_CONFIGURATIONS } from '../ingest/ingest-configurations.js';
import { stateAfter } from '../options/option-change.js';
import type { OptionStore, OptionWriteResult } from '../options/option-store.js';
import type { OptionWatchHub } from '../options/option-watch-hub.js';
import type { OrgOptionsStore, StoredOrgOptions } from '../org/org-options-store.js';
import type { AdminGuard } from './admin-guard.js';
import { optionValueFromRequest } from './option-value-request.js';
import {
  toProtoIngestConfiguration,
  toProtoOption,
  toProtoOptionChange,
  toProtoUseCase,
} from './proto-conversions.js';
import {
  DEFAULT_CHANGES_LIMIT,
  MAX_CHANGES_LIMIT,
  MAX_PROJECTS_PER_REQUEST,
  MAX_TAGS_PER_REQUEST,
  checkId,
  checkRequiredString,
  checkString,
  checkVersion,
} from './request-checks.js';

export interface ConfigurationServiceDeps {
  readonly registry: UseCaseRegistry;
  readonly optionStore: OptionStore;
  readonly watchHub: OptionWatchHub;
  readonly orgOptionsStore: OrgOptionsStore;
  readonly blockingStore: MetricBlockingStore;
  readonly requireAdmin: AdminGuard;
}

const ANONYMOUS = 'anonymous';
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function createConfigurationService(
  deps: ConfigurationServiceDeps,
): ServiceImpl<typeof configuration.ConfigurationService> {
  const { registry, optionStore, watchHub, orgOptionsStore, blockingStore, requireAdmin } = deps;

  const definitionOf = (name: string): OptionDefinition => {
    checkRequiredString('name', name);
    const definition = getOptionDefinition(name);
    if (definition === undefined) throw notFound(`option ${JSON.stringify(name)}`);
    return definition;
  };

  const writeOutcome = (definition: OptionDefinition, result: OptionWriteResult) => {
    if (!result.ok) {
      if (result.reason === 'version_mismatch') {
        throw new ConnectError(
          `option ${definition.name} is at version ${result.currentVersion}, not the expected one`,
          Code.Aborted,
        );
      }
      throw new ConnectError(`too many concurrent writes to option ${definition.name}; retry`, Code.Aborted);
    }
    if (result.change !== undefined) watchHub.nudge();
    return toProtoOption(definition, result.state);
  };

  const orgOptions = (orgId: bigint, stored: StoredOrgOptions) => ({
    orgId,
    metricsActivatePercentiles:
      stored.activatePercentiles ?? METRICS_API_ORG_OPTION_DEFAULTS[MetricsApiOrgOption.ACTIVATE_PERCENTILES],
    metricsActivateLastForGauges:
      stored.activateLastForGauges ??
      METRICS_API_ORG_OPTION_DEFAULTS[MetricsApiOrgOption.ACTIVATE_LAST_FOR_GAUGES],
  });

  const projectIdsOf = (projectIds: readonly bigint[]): bigint[] => {
    if (projectIds.length > MAX_PROJECTS_PER_REQUEST) {
      throw invalidArgument('project_ids', `more than ${MAX_PROJECTS_PER_REQUEST} projects`);
    }
    return projectIds.map((id, i) => checkId(`project_ids[${i}]`, id));
  };

  const tagsOf = (field: string, tags: readonly string[]): string[] => {
    if (tags.length > MAX_TAGS_PER_REQUEST)
      throw invalidArgument(field, `more than ${MAX_TAGS_PER_REQUEST} tags`);
    return tags.map((tag, i) => checkRequiredString(`${field}[${i}]`, tag));
  };

  const toProtoBlocking = (b: MetricBlocking) => ({
    metricMri: b.metricMri,
    isBlocked: b.isBlocked,
    blockedTags: [...b.blockedTags],
  });

  return {
    getIngestConfiguration({ useCaseKey }) {
      checkRequiredString('use_case_key', useCaseKey);
      const config = INGEST_CONFIGURATIONS.find((c) => c.useCaseKey === useCaseKey);
      if (config === undefined) throw notFound(`ingest configuration ${JSON.stringify(useCaseKey)}`);
      return { configuration: toProtoIngestConfiguration(config) };
    },

    listIngestConfigurations() {
      return { configurations: INGEST_CONFIGURATIONS.map(toProtoIngestConfiguration) };
    },

    listUseCases() {
      return { useCases: registry.useCaseIds().map((id) => toProtoUseCase(registry, id)) };
    },

    getUseCase({ id }) {
      checkRequiredString('id', id);
      if (!registry.isUseCaseId(id)) throw notFound(`use case ${JSON.stringify(id)}`);
      return { useCase: toProtoUseCase(registry, id) };
    },

    resolveUseCase({ value }) {
      checkRequiredString('value', value);
      const resolved = registry.stringToUseCaseId(value);
      if (!resolved.ok) throw new ConnectError(resolved.error.message, Code.NotFound);
      return { useCase: toProtoUseCase(registry, resolved.useCaseId) };
    },

    async getOption({ name }) {
      const definition = definitionOf(name);
      return { option: toProtoOption(definition, await optionStore.state(name)) };
    },

    async listOptions({ prefix }) {
      checkString('prefix', prefix);
      const definitions = listOptionDefinitions(prefix);
      const snapshot = await optionStore.snapshot(definitions.map((d) => d.name));
      return {
        options: definitions.map((d, i) => toProtoOption(d, snapshot.options[i]!)),
        version: BigInt(snapshot.version),
      };
    },

    async setOption(request, context) {
      requireAdmin(context);
      const definition = definitionOf(request.name);
      const value = optionValueFromRequest(definition, request.value);
      const expectedVersion =
        request.expectedVersion === undefined
          ? undefined
          : checkVersion('expected_version', request.expectedVersion);
      const author = checkString('author', request.author) || ANONYMOUS;
      const result = await optionStore.write({ name: definition.name, value, expectedVersion, author });
      return { option: writeOutcome(definition, result) };
    },

    async deleteOption(request, context) {
      requireAdmin(context);
      const definition = definitionOf(request.name);
      const expectedVersion =
        request.expectedVersion === undefined
          ? undefined
          : checkVersion('expected_version', request.expectedVersion);
      const author = checkString('author', request.author) || ANONYMOUS;
      const result = await optionStore.write({
        name: definition.name,
        value: undefined,
        expectedVersion,
        author,
      });
      return { option: writeOutcome(definition, result) };
    },

    async listOptionChanges({ name, beforeVersion, limit }) {
      if (name !== '') definitionOf(name);
      if (limit > MAX_CHANGES_LIMIT) throw invalidArgument('limit', `must be at most ${MAX_CHANGES_LIMIT}`);
      const changes = await optionStore.listChanges({
        name: name === '' ? undefined : name,
        beforeVersion: beforeVersion === 0n ? undefined : checkVersion('before_version', beforeVersion),
        limit: limit === 0 ? DEFAULT_CHANGES_LIMIT : limit,
      });
      return { changes: changes.map(toProtoOptionChange) };
    },

    async *watchOptions({ fromVersion }, context) {
      const from = fromVersion === undefined ? undefined : checkVersion('from_version', fromVersion);
      for await (const event of watchHub.watch({ fromVersion: from, signal: context.signal })) {
        if (event.kind === 'snapshot') {
          const options = event.snapshot.options.flatMap((state) => {
            const definition = getOptionDefinition(state.name);
            return definition === undefined ? [] : [toProtoOption(definition, state)];
          });
          yield { event: { case: 'snapshot', value: { options, version: BigInt(event.snapshot.version) } } };
        } else {
          // A change to an option this build no longer defines is skipped; the version still advances.
          const definition = getOptionDefinition(event.change.name);
          if (definition === undefined) continue;
          const change = toProtoOptionChange(event.change);
          const option = toProtoOption(definition, stateAfter(event.change));
          yield { event: { case: 'change', value: { change, option } } };
        }
      }
    },

    async getOrganizationOptions({ orgId }) {
      checkId('org_id', orgId);
      return { options: orgOptions(orgId, await orgOptionsStore.get(orgId)) };
    },

    async setOrganizationOptions(request, context) {
      requireAdmin(context);
      const orgId = checkId('org_id', request.orgId);
      const stored = await orgOptionsStore.update(orgId, {
        activatePercentiles: request.metricsActivatePercentiles,
        activateLastForGauges: request.metricsActivateLastForGauges,
      });
      return { options: orgOptions(orgId, stored) };
    },

    async getOperationsConfiguration({ orgId }) {
      checkId('org_id', orgId);
      const stored = await orgOptionsStore.get(orgId);
      const config = generateOperationsConfig({
        [MetricsApiOrgOption.ACTIVATE_PERCENTILES]: stored.activatePercentiles,
        [MetricsApiOrgOption.ACTIVATE_LAST_FOR_GAUGES]: stored.activateLastForGauges,
      });
      return { hiddenOperations: [...config.getHiddenOperations()].sort(byCodeUnits) };
    },

    async updateMetricBlocking(request, context) {
      requireAdmin(context);
      const orgId = checkId('org_id', request.orgId);
      const projectIds = projectIdsOf(request.projectIds);
      if (projectIds.length === 0) throw invalidArgument('project_ids', 'required');
      const metricMri = checkRequiredString('metric_mri', request.metricMri);
      if (parseMri(metricMri) === null) throw invalidArgument('metric_mri', 'not a valid MRI');
      const operation = {
        metricMri,
        blockMetric: request.blockMetric,
        blockTags: tagsOf('block_tags', request.blockTags),
        unblockTags: tagsOf('unblock_tags', request.unblockTags),
      };
      const unique = [...new Set(projectIds)];
      const results = await Promise.all(
        unique.map(async (projectId) => {
          const updated = await blockingStore.update(orgId, projectId, (current) => {
            const applied = applyMetricOperation(current, operation);
            return { blockings: applied.blockings, result: applied.blocking };
          });
          if (!updated.ok) {
            throw new ConnectError(
              `too many concurrent updates to project ${projectId}; retry`,
              Code.Aborted,
            );
          }
          return [projectId, updated.result] as const;
        }),
      );
      const byProject = new Map(results);
      return {
        projects: projectIds.map((projectId) => ({
          projectId,
          blocking: toProtoBlocking(byProject.get(projectId)!),
        })),
      };
    },

    async getMetricsBlockingState(request) {
      const orgId = checkId('org_id', request.orgId);
      const projectIds = projectIdsOf(request.projectIds);
      const lists = await blockingStore.getMany(orgId, projectIds);
      return {
        projects: projectIds.map((projectId) => {
          const state = blockingState(lists.get(projectId) ?? []);
          return { projectId, metrics: state.metrics.map(toProtoBlocking), deniedNames: state.deniedNames };
        }),
      };
    },
  };
}
