/** One counter series: the granules of one prefix under one (window, granularity). */
export interface WindowKey {
  readonly prefix: string;
  readonly windowSeconds: number;
  readonly granularitySeconds: number;
}

/** The granules [fromGranule, toGranule] of a series to add up. */
export interface WindowRange extends WindowKey {
  readonly fromGranule: number;
  readonly toGranule: number;
}

/** Units to add to one granule; the granule may be forgotten after `expiresAtSeconds`. */
export interface WindowIncrement extends WindowKey {
  readonly granule: number;
  readonly amount: number;
  readonly expiresAtSeconds: number;
}

/** Where sliding-window counters live (Redis in Sentry; MongoDB here, shared by every instance). */
export interface WindowStore {
  /** The total of each range; `result[i]` answers `ranges[i]`. */
  sum(ranges: readonly WindowRange[]): Promise<number[]>;
  add(increments: readonly WindowIncrement[]): Promise<void>;
}
