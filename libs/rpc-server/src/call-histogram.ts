import type { Metric, Registry } from 'prom-client';

/** One label set of a `CallHistogram`. */
export interface HistogramSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  readonly counts: number[];
  sum: number;
  count: number;
  /** Whether it is exposed: once observed, until the histogram is reset (as prom-client does). */
  present: boolean;
}

interface ExportedValue {
  value: number;
  metricName: string;
  exemplar: null | undefined;
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
}

/** What prom-client's `get()` and `getForPromString()` resolve with. */
interface HistogramData {
  name: string;
  help: string;
  type: string;
  values: ExportedValue[];
  aggregator: string;
}

/**
 * A histogram exposed exactly as prom-client's `Histogram` (same values, labels and order on `get()` and in
 * `registry.metrics()`), whose `observe` costs a bucket search and three additions. prom-client's hashes and
 * validates the label set and looks the bucket up by its bound as a string on every observation, a visible
 * share of a cheap RPC. Series are resolved once by the caller (`series(labels)`).
 */
export class CallHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly all: HistogramSeries[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** A label set's series; call once per label set and keep it. */
  series(labels: Readonly<Record<string, string>>): HistogramSeries {
    const series: HistogramSeries = {
      labels,
      counts: new Array<number>(this.bounds.length + 1).fill(0),
      sum: 0,
      count: 0,
      present: false,
    };
    this.all.push(series);
    return series;
  }

  observe(series: HistogramSeries, value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    series.counts[i]!++;
    series.sum += value;
    series.count++;
    series.present = true;
  }

  /** As prom-client's `Histogram#get`: labels and the series' labels in one object. */
  async get(): Promise<HistogramData> {
    const data = await this.getForPromString();
    for (const value of data.values) {
      const { sharedLabels = {}, labels } = value;
      delete value.sharedLabels;
      delete (value as Partial<ExportedValue>).labels;
      for (const name of Object.keys(sharedLabels)) labels[name] = sharedLabels[name]!;
      value.labels = labels;
    }
    return data;
  }

  /** As prom-client's `Histogram#getForPromString` (what `registry.metrics()` prints). */
  getForPromString(): Promise<HistogramData> {
    const values: ExportedValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const series of this.all) {
      if (!series.present) continue;
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += series.counts[i]!;
        values.push(pair({ le }, cumulative, bucket, null, series.labels));
      });
      values.push(
        pair({ le: '+Inf' }, series.count, bucket, null, series.labels),
        pair({}, series.sum, `${this.name}_sum`, undefined, series.labels),
        pair({}, series.count, `${this.name}_count`, undefined, series.labels),
      );
    }
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    });
  }

  reset(): void {
    for (const series of this.all) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
      series.present = false;
    }
  }
}

// The shape and key order of prom-client's value pairs.
function pair(
  labels: Record<string, string | number>,
  value: number,
  metricName: string,
  exemplar: null | undefined,
  sharedLabels: Readonly<Record<string, string>>,
): ExportedValue {
  return { labels, sharedLabels: { ...sharedLabels }, value, metricName, exemplar };
}
