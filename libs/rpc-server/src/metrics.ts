import { Counter, Histogram, type Registry } from 'prom-client';

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
  const startedTotal = new Counter({
    name: 'grpc_server_started_total',
    help: 'Total number of RPCs started on the server.',
    labelNames,
    registers: [registry],
  });
  const handledTotal = new Counter({
    name: 'grpc_server_handled_total',
    help: 'Total number of RPCs completed on the server, regardless of success or failure.',
    labelNames: [...labelNames, 'grpc_code'],
    registers: [registry],
  });
  const handlingSeconds = new Histogram({
    name: 'grpc_server_handling_seconds',
    help: 'Histogram of response latency (seconds) of RPCs handled by the server.',
    labelNames,
    buckets: HANDLING_BUCKETS,
    registers: [registry],
  });
  const base = (l: CallLabels) => ({ grpc_type: l.grpcType, grpc_service: l.service, grpc_method: l.method });
  // Resolving a label set hashes it on every call; the instrumentation passes one labels object per method, so
  // its children are looked up once.
  interface Children {
    started: Counter.Internal;
    handled: Map<string, Counter.Internal>;
    seconds: Histogram.Internal<string>;
  }
  const children = new WeakMap<CallLabels, Children>();
  const childrenOf = (labels: CallLabels): Children => {
    let found = children.get(labels);
    if (found === undefined) {
      found = {
        started: startedTotal.labels(base(labels)),
        handled: new Map(),
        seconds: handlingSeconds.labels(base(labels)),
      };
      children.set(labels, found);
    }
    return found;
  };
  return {
    started: (labels) => childrenOf(labels).started.inc(),
    handled: (labels, code, seconds) => {
      const of = childrenOf(labels);
      let handled = of.handled.get(code);
      if (handled === undefined) {
        handled = handledTotal.labels({ ...base(labels), grpc_code: code });
        of.handled.set(code, handled);
      }
      handled.inc();
      of.seconds.observe(seconds);
    },
  };
}
