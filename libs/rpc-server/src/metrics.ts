import { Counter, type Registry } from 'prom-client';
import { CallHistogram, type HistogramSeries } from './call-histogram.js';

/** grpc_type label values, as go-grpc-prometheus names them. */
export type GrpcType = 'unary' | 'server_stream' | 'client_stream' | 'bidi_stream';

export interface CallLabels {
  grpcType: GrpcType;
  service: string;
  method: string;
}

/** Per-call metrics with go-grpc-prometheus names, so existing dashboards and alerts work unchanged. */
export interface RpcMetrics {
  started(labels: CallLabels): void;
  handled(labels: CallLabels, code: string, seconds: number): void;
}

// Prometheus' default buckets with finer steps below 5 ms, where most calls of these services land.
const HANDLING_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createRpcMetrics(registry: Registry): RpcMetrics {
  const labelNames = ['grpc_type', 'grpc_service', 'grpc_method'] as const;
  // Counting in prom-client hashes and validates the label set on every increment, even through a child; the
  // counters are kept in plain numbers here and added to prom-client's when it collects (every read of them).
  const startedTotal = new Counter({
    name: 'grpc_server_started_total',
    help: 'Total number of RPCs started on the server.',
    labelNames,
    registers: [registry],
    collect: () => flushStarted(),
  });
  const handledTotal = new Counter({
    name: 'grpc_server_handled_total',
    help: 'Total number of RPCs completed on the server, regardless of success or failure.',
    labelNames: [...labelNames, 'grpc_code'],
    registers: [registry],
    collect: () => flushHandled(),
  });
  const handlingSeconds = new CallHistogram(
    'grpc_server_handling_seconds',
    'Histogram of response latency (seconds) of RPCs handled by the server.',
    HANDLING_BUCKETS,
    registry,
  );
  const base = (l: CallLabels) => ({ grpc_type: l.grpcType, grpc_service: l.service, grpc_method: l.method });
  // The instrumentation passes one labels object per method, so its state is looked up once.
  interface Children {
    readonly base: ReturnType<typeof base>;
    /** Calls started since the last collection. */
    started: number;
    /** Calls handled since the last collection, by code. */
    readonly handled: Map<string, number>;
    readonly seconds: HistogramSeries;
  }
  const children = new WeakMap<CallLabels, Children>();
  const all: Children[] = [];
  const childrenOf = (labels: CallLabels): Children => {
    let found = children.get(labels);
    if (found === undefined) {
      found = {
        base: base(labels),
        started: 0,
        handled: new Map(),
        seconds: handlingSeconds.series(base(labels)),
      };
      children.set(labels, found);
      all.push(found);
    }
    return found;
  };
  function flushStarted(): void {
    for (const of of all) {
      if (of.started === 0) continue;
      startedTotal.inc(of.base, of.started);
      of.started = 0;
    }
  }
  function flushHandled(): void {
    for (const of of all) {
      for (const [code, count] of of.handled) {
        if (count === 0) continue;
        handledTotal.inc({ ...of.base, grpc_code: code }, count);
        of.handled.set(code, 0);
      }
    }
  }
  return {
    started: (labels) => {
      childrenOf(labels).started++;
    },
    handled: (labels, code, seconds) => {
      const of = childrenOf(labels);
      of.handled.set(code, (of.handled.get(code) ?? 0) + 1);
      handlingSeconds.observe(of.seconds, seconds);
    },
  };
}
