/** The ingest pipeline / metric path a use case belongs to (`UseCaseKey`, spec §1.1). */
export const UseCaseKey = {
  RELEASE_HEALTH: 'release-health',
  PERFORMANCE: 'performance',
} as const;

export type UseCaseKey = (typeof UseCaseKey)[keyof typeof UseCaseKey];

export const USE_CASE_KEYS: readonly UseCaseKey[] = Object.values(UseCaseKey);

export function isUseCaseKey(value: string): value is UseCaseKey {
  return (USE_CASE_KEYS as readonly string[]).includes(value);
}
