/** `ErrorsMRI` (spec §2.8). */
export const ErrorsMri = {
  EVENT_INGESTED: 'c:escalating_issues/event_ingested@none',
} as const;

export type ErrorsMri = (typeof ErrorsMri)[keyof typeof ErrorsMri];
