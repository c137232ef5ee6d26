import { UseCaseApiAccess } from './use-case-api-access.js';
import type { UseCaseEntry } from './use-case-entry.js';
import { UseCaseId } from './use-case-id.js';
import { UseCaseKey } from './use-case-key.js';

const { PUBLIC, PRIVATE } = UseCaseApiAccess;
const { PERFORMANCE, RELEASE_HEALTH } = UseCaseKey;
const WRITES = 'sentry-metrics.writes-limiter.limits';
const CARDINALITY = 'sentry-metrics.cardinality-limiter.limits';

/** The reference registry (spec §1.2, §1.3): 7 use cases, their paths, API access and option names. */
export const REFERENCE_USE_CASES: readonly UseCaseEntry[] = [
  {
    id: UseCaseId.SPANS,
    metricPath: PERFORMANCE,
    apiAccess: PUBLIC,
    writesLimitOptionPrefix: `${WRITES}.spans`,
    cardinalityLimitOption: `${CARDINALITY}.spans.per-org`,
  },
  {
    id: UseCaseId.TRANSACTIONS,
    metricPath: PERFORMANCE,
    apiAccess: PUBLIC,
    writesLimitOptionPrefix: `${WRITES}.performance`,
    cardinalityLimitOption: `${CARDINALITY}.transactions.per-org`,
  },
  {
    id: UseCaseId.SESSIONS,
    metricPath: RELEASE_HEALTH,
    apiAccess: PUBLIC,
    writesLimitOptionPrefix: `${WRITES}.releasehealth`,
    cardinalityLimitOption: `${CARDINALITY}.sessions.per-org`,
  },
  { id: UseCaseId.ESCALATING_ISSUES, metricPath: PERFORMANCE, apiAccess: PRIVATE },
  {
    id: UseCaseId.CUSTOM,
    metricPath: PERFORMANCE,
    apiAccess: PUBLIC,
    writesLimitOptionPrefix: `${WRITES}.custom`,
    cardinalityLimitOption: `${CARDINALITY}.custom.per-org`,
  },
  {
    id: UseCaseId.PROFILES,
    metricPath: PERFORMANCE,
    apiAccess: PRIVATE,
    cardinalityLimitOption: `${CARDINALITY}.profiles.per-org`,
  },
  { id: UseCaseId.METRIC_STATS, metricPath: PERFORMANCE, apiAccess: PRIVATE },
];

/** `REVERSE_METRIC_PATH_MAPPING`: the one canonical use case of each metric path (a temporary shim). */
export const REFERENCE_REVERSE_METRIC_PATH_MAPPING: Readonly<Partial<Record<UseCaseKey, UseCaseId>>> = {
  [RELEASE_HEALTH]: UseCaseId.SESSIONS,
  [PERFORMANCE]: UseCaseId.TRANSACTIONS,
};
