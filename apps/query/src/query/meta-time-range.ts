const DAY_MS = 86_400_000;

/** How far back metadata queries look by default (§3.6: `timestamp >= now - 90 days`). */
export const DEFAULT_LOOKBACK_DAYS = 90;

export type MetaTimeRangeResult =
  | { readonly ok: true; readonly start: Date; readonly end: Date }
  | { readonly ok: false; readonly reason: string };

/**
 * The days a metadata query reads. Without bounds: `[now - 90 days, now + 1 day)` as Sentry's meta
 * query; an absent end is `now + 1 day`; an absent start is 90 days before the end.
 */
export function metaTimeRange(now: Date, start?: Date, end?: Date): MetaTimeRangeResult {
  const resolvedEnd = end ?? new Date(now.getTime() + DAY_MS);
  const resolvedStart =
    start ??
    new Date((end === undefined ? now.getTime() : resolvedEnd.getTime()) - DEFAULT_LOOKBACK_DAYS * DAY_MS);
  if (resolvedStart.getTime() >= resolvedEnd.getTime())
    return { ok: false, reason: 'start must be before end' };
  return { ok: true, start: resolvedStart, end: resolvedEnd };
}
