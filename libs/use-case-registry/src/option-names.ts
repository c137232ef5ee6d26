import { UseCaseKey } from './use-case-key.js';

const WRITES_LIMIT_PREFIX = 'sentry-metrics.writes-limiter.limits';
const CARDINALITY_LIMIT_PREFIX = 'sentry-metrics.cardinality-limiter.limits';

/** The writes-limit prefix of a use case the registry gives none (applied in `limiters/writes.py`). */
export const WRITES_LIMIT_FALLBACK_PREFIX = `${WRITES_LIMIT_PREFIX}.generic-metrics`;

/** The cardinality-limit option of a use case the registry gives none (spec §1.3, §5.2). */
export const CARDINALITY_LIMIT_FALLBACK_OPTION = `${CARDINALITY_LIMIT_PREFIX}.generic-metrics.per-org`;

/** The two writes-limit option names of one use case. */
export interface WritesLimitOptionNames {
  readonly perOrg: string;
  readonly global: string;
}

export function writesLimitOptionNamesForPrefix(prefix: string): WritesLimitOptionNames {
  return { perOrg: `${prefix}.per-org`, global: `${prefix}.global` };
}

const WRITES_LIMIT_NAMESPACES = [
  'performance',
  'transactions',
  'sessions',
  'spans',
  'releasehealth',
  'custom',
  'generic-metrics',
];

/** Every writes-limit option Sentry defines (spec §5.1), all defaulting to `[]` (no limit). */
export const WRITES_LIMIT_OPTION_NAMES: readonly string[] = WRITES_LIMIT_NAMESPACES.flatMap((ns) => {
  const names = writesLimitOptionNamesForPrefix(`${WRITES_LIMIT_PREFIX}.${ns}`);
  return [names.perOrg, names.global];
});

const CARDINALITY_LIMIT_NAMESPACES = [
  'transactions',
  'sessions',
  'spans',
  'custom',
  'profiles',
  'generic-metrics',
];

/** Every per-org cardinality-limit option Sentry defines (spec §5.2). */
export const CARDINALITY_LIMIT_OPTION_NAMES: readonly string[] = CARDINALITY_LIMIT_NAMESPACES.map(
  (ns) => `${CARDINALITY_LIMIT_PREFIX}.${ns}.per-org`,
);

/** The cardinality limiter's org rollout-rate option per metric path (spec §5.2). */
export const CARDINALITY_ROLLOUT_OPTION_NAMES: Readonly<Record<UseCaseKey, string>> = {
  [UseCaseKey.PERFORMANCE]: 'sentry-metrics.cardinality-limiter.orgs-rollout-rate',
  [UseCaseKey.RELEASE_HEALTH]: 'sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate',
};

export function cardinalityRolloutOptionName(key: UseCaseKey): string {
  return CARDINALITY_ROLLOUT_OPTION_NAMES[key];
}
