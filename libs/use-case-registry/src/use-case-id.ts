/** The reference use-case ids (`UseCaseID`, spec §1.2); the MRI namespace of their metrics. */
export const UseCaseId = {
  SPANS: 'spans',
  TRANSACTIONS: 'transactions',
  SESSIONS: 'sessions',
  ESCALATING_ISSUES: 'escalating_issues',
  CUSTOM: 'custom',
  PROFILES: 'profiles',
  METRIC_STATS: 'metric_stats',
} as const;

export type ReferenceUseCaseId = (typeof UseCaseId)[keyof typeof UseCaseId];

/**
 * A use-case id: a plain string, because registries are data and may hold use cases beyond the
 * reference ones. Whether a string is one is a question for a registry (`isUseCaseId`).
 */
export type UseCaseId = string;
