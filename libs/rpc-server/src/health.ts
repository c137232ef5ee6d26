import { Code, ConnectError, type HandlerContext, type ServiceImpl } from '@connectrpc/connect';
import { health } from '@mindex/proto';

const { HealthCheckResponse_ServingStatus: ServingStatus } = health;
type ServingStatusValue = health.HealthCheckResponse_ServingStatus;

export type HealthStatus = 'SERVING' | 'NOT_SERVING';

/** `grpc.health.v1.Health` with per-service statuses; "" is the whole server. */
export interface HealthService {
  readonly impl: ServiceImpl<typeof health.Health>;
  setStatus(service: string, status: HealthStatus): void;
  /** Sets every known service, and the server (""), to `status`. */
  setAll(status: HealthStatus): void;
  getStatus(service: string): HealthStatus | undefined;
}

export function createHealthService(): HealthService {
  const statuses = new Map<string, HealthStatus>();
  const watchers = new Set<() => void>();

  const current = (service: string): ServingStatusValue => {
    const status = statuses.get(service);
    return status === undefined ? ServingStatus.SERVICE_UNKNOWN : ServingStatus[status];
  };
  const setStatus = (service: string, status: HealthStatus): void => {
    if (statuses.get(service) === status) return;
    statuses.set(service, status);
    watchers.forEach((notify) => notify());
  };

  const impl: ServiceImpl<typeof health.Health> = {
    check(request) {
      const status = statuses.get(request.service);
      if (status === undefined) throw new ConnectError(`unknown service ${request.service}`, Code.NotFound);
      return { status: ServingStatus[status] };
    },
    async *watch(request, context: HandlerContext) {
      let wake: () => void = () => undefined;
      let changed = true;
      const notify = () => {
        changed = true;
        wake();
      };
      watchers.add(notify);
      context.signal.addEventListener('abort', notify, { once: true });
      try {
        let last: ServingStatusValue | undefined;
        while (!context.signal.aborted) {
          if (!changed) await new Promise<void>((resolve) => (wake = resolve));
          changed = false;
          const status = current(request.service);
          // Watch sends only changes, like grpc-go; the first message is always sent.
          if (status !== last && !context.signal.aborted) {
            last = status;
            yield { status };
          }
        }
      } finally {
        watchers.delete(notify);
        context.signal.removeEventListener('abort', notify);
      }
    },
  };

  return {
    impl,
    setStatus,
    setAll(status) {
      setStatus('', status);
      for (const service of [...statuses.keys()]) setStatus(service, status);
    },
    getStatus: (service) => statuses.get(service),
  };
}
