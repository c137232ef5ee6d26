import type { DescMethod, DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from '@connectrpc/connect';
import { abortError, CALL_ENDED, CallAbort, callAbortOf, raceAbort, type Abortable } from './abort.js';
import { codeName, toConnectError } from './error-mapping.js';
import type { LogLevel, Logger } from './logger.js';
import type { CallLabels, GrpcType, RpcMetrics } from './metrics.js';
import { REQUEST_ID_HEADER, requestIdAccessOf, requestIdOrGenerate, runInCall } from './request-id.js';
import { isPromiseLike } from './promise-like.js';
import { UndecodableRequest, undecodableRequestError } from './undecodable-request.js';

/** Server-side bounds on how long a handler may run. */
export interface HandlerTimeoutOptions {
  /** Timeout for calls whose client sent no deadline. */
  defaultMs?: number;
  /** Cap on any call's timeout, the client's deadline included. */
  maxMs?: number;
}

export interface InstrumentOptions {
  logger: Logger;
  metrics: RpcMetrics;
  handlerTimeout?: HandlerTimeoutOptions;
  /** Server-streaming calls in progress, so shutdown can end them. */
  activeStreams: Set<Abortable>;
  /** Services whose successful calls are logged at debug (health checks would flood the log). */
  quietServices?: ReadonlySet<string>;
  /** Methods (`<service>/<method>`) whose successful calls faster than `slowCallMs` are logged at debug. */
  hotMethods?: ReadonlySet<string>;
  /** A successful call of a hot method taking at least this long is logged at info. */
  slowCallMs?: number;
}

type AnyFn = (request: unknown, context: HandlerContext) => unknown;

/** Default `slowCallMs`: hot calls this slow are worth a line even when they succeed. */
export const DEFAULT_SLOW_CALL_MS = 100;

const GRPC_TYPES: Record<DescMethod['methodKind'], GrpcType> = {
  unary: 'unary',
  server_streaming: 'server_stream',
  client_streaming: 'client_stream',
  bidi_streaming: 'bidi_stream',
};

/**
 * Wraps every method of `impl` with what both transports share: request id, metrics, one log line per call,
 * server-side timeouts, ending on abort even if the handler ignores its signal, and the error mapping.
 * Throws if a method is missing: services implement every RPC they declare.
 */
export function instrumentService<S extends DescService>(
  service: S,
  impl: ServiceImpl<S>,
  options: InstrumentOptions,
): ServiceImpl<S> {
  const wrapped: Record<string, AnyFn> = {};
  for (const method of service.methods) {
    const fn: unknown = (impl as Record<string, unknown>)[method.localName];
    if (typeof fn !== 'function') {
      throw new TypeError(`${service.typeName}.${method.name} is not implemented`);
    }
    const bound = (fn as AnyFn).bind(impl);
    switch (method.methodKind) {
      case 'unary':
        wrapped[method.localName] = wrapUnary(method, bound, options);
        break;
      case 'server_streaming':
        wrapped[method.localName] = wrapServerStreaming(method, bound, options);
        break;
      default:
        throw new TypeError(
          `${service.typeName}.${method.name}: ${method.methodKind} RPCs are not supported`,
        );
    }
  }
  return wrapped as unknown as ServiceImpl<S>;
}

/**
 * The unary wrapper makes few promises (each pays the async hooks AsyncLocalStorage enables): none for the
 * wrapper itself, one to race the handler's promise against the call's abort, none when the handler returns a
 * plain value.
 */
function wrapUnary(method: DescMethod, fn: AnyFn, options: InstrumentOptions): AnyFn {
  const labels = callLabels(method);
  const hot = options.hotMethods?.has(`${method.parent.typeName}/${method.name}`) === true;
  return (request, context) => {
    let call: ActiveCall | undefined;
    let result: unknown;
    try {
      call = beginCall(labels, context, options, true, hot);
      if (request instanceof UndecodableRequest) throw undecodableRequestError(request.schema, request.cause);
      result = runInCall(call, fn, request, call.context);
    } catch (err) {
      return Promise.reject(call === undefined ? err : call.fail(err));
    }
    return isPromiseLike(result) ? raceUnary(call, result) : settleUnary(call, result);
  };
}

/** Ends a call whose handler returned a plain value (a call that aborted already ends with its abort). */
function settleUnary(call: ActiveCall, response: unknown): unknown {
  if (call.abort.aborted) return Promise.reject(call.fail(abortError(call.abort)));
  call.succeed();
  return response;
}

/** Settles like the handler's promise, or fails as soon as the call aborts (even if the handler goes on). */
function raceUnary(call: ActiveCall, pending: PromiseLike<unknown>): Promise<unknown> {
  const abort = call.abort;
  if (abort.aborted) {
    Promise.resolve(pending).catch(() => undefined);
    return Promise.reject(call.fail(abortError(abort)));
  }
  return new Promise((resolve, reject) => {
    // Not removed when the handler settles first: the call's end aborts it, and that later rejection is a no-op.
    abort.onAbort(() => {
      if (!call.hasEnded()) reject(call.fail(abortError(abort)));
    });
    pending.then(
      (response) => {
        if (abort.aborted) return;
        call.succeed();
        resolve(response);
      },
      (err: unknown) => reject(call.fail(err)),
    );
  });
}

function wrapServerStreaming(method: DescMethod, fn: AnyFn, options: InstrumentOptions): AnyFn {
  const labels = callLabels(method);
  return async function* (request, context) {
    const call = beginCall(labels, context, options, false, false);
    options.activeStreams.add(call.abort);
    try {
      if (request instanceof UndecodableRequest) throw undecodableRequestError(request.schema, request.cause);
      const iterator = (fn(request, call.context) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      try {
        for (;;) {
          const result = await raceAbort(iterator.next(), call.abort);
          if (result.done === true) break;
          yield result.value;
        }
      } finally {
        // Not awaited: a generator paused in an await only returns once that await settles.
        void iterator.return?.()?.catch(() => undefined);
      }
      call.succeed();
    } catch (err) {
      throw call.fail(err);
    } finally {
      // Reached without an outcome when the transport stopped reading (the client went away).
      if (!call.hasEnded()) call.fail(new ConnectError('the client canceled the stream', Code.Canceled));
      options.activeStreams.delete(call.abort);
    }
  };
}

/** One labels object per method, so the metrics resolve their label set once. */
function callLabels(method: DescMethod): CallLabels {
  return { grpcType: GRPC_TYPES[method.methodKind], service: method.parent.typeName, method: method.name };
}

/**
 * The handler's view of a call: the transport's context with the call's own signal and timeout. A class, not a
 * spread or a literal with a getter: a spread would read (and so build) the transport's signal, and literals with
 * accessors are built property by property at run time.
 */
class InstrumentedContext implements HandlerContext {
  readonly service: DescService;
  readonly method: DescMethod;
  readonly protocolName: string;
  readonly requestMethod: string;

  constructor(
    private readonly transport: HandlerContext,
    private readonly abort: CallAbort,
    private readonly deadline: number | undefined,
  ) {
    this.service = transport.service;
    this.method = transport.method;
    this.protocolName = transport.protocolName;
    this.requestMethod = transport.requestMethod;
  }

  // Read through: the gRPC adapter builds these only when something reads them.
  get url(): string {
    return this.transport.url;
  }

  get requestHeader(): Headers {
    return this.transport.requestHeader;
  }

  get responseHeader(): Headers {
    return this.transport.responseHeader;
  }

  get responseTrailer(): Headers {
    return this.transport.responseTrailer;
  }

  get values(): HandlerContext['values'] {
    return this.transport.values;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  readonly timeoutMs = (): number | undefined =>
    this.deadline === undefined ? undefined : this.deadline - Date.now();
}

function beginCall(
  labels: CallLabels,
  context: HandlerContext,
  options: InstrumentOptions,
  mayShareSignal: boolean,
  hot: boolean,
): ActiveCall {
  return new ActiveCall(labels, context, options, mayShareSignal, hot);
}

/**
 * One call's request id, abort state, timeout and outcome (metrics and its log line). A class rather than
 * closures: a cheap call paid for allocating half a dozen of them.
 */
class ActiveCall {
  /** The handler's view of the call. */
  readonly context: HandlerContext;
  /** The call's abort state (the transport's when shared). */
  readonly abort: CallAbort;
  readonly requestId: string;
  private readonly startedAt = performance.now();
  private readonly onParentAbort: (() => void) | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly labels: CallLabels,
    private readonly transport: HandlerContext,
    private readonly options: InstrumentOptions,
    mayShareSignal: boolean,
    private readonly hot: boolean,
  ) {
    options.metrics.started(labels);
    // The gRPC adapter's context reads and sends the id without building Fetch Headers.
    const access = requestIdAccessOf(transport);
    const requestId = requestIdOrGenerate(
      access === undefined ? transport.requestHeader.get(REQUEST_ID_HEADER) : access.givenRequestId(),
    );
    if (access === undefined) transport.responseHeader.set(REQUEST_ID_HEADER, requestId);
    else access.setResponseRequestId(requestId);
    this.requestId = requestId;

    // The gRPC adapter's context signal is the call's own: unary calls abort it directly rather than linking a
    // second one to it (and its signal is only built if the handler reads it).
    const shared = mayShareSignal ? callAbortOf(transport) : undefined;
    const abort = shared ?? new CallAbort();
    this.abort = abort;
    if (shared === undefined) {
      const onParentAbort = () => abort.abort(transport.signal.reason);
      this.onParentAbort = onParentAbort;
      if (transport.signal.aborted) onParentAbort();
      else transport.signal.addEventListener('abort', onParentAbort, { once: true });
    }

    const clientTimeoutMs = transport.timeoutMs();
    const timeoutMs = effectiveTimeoutMs(clientTimeoutMs, options.handlerTimeout);
    if (timeoutMs !== undefined && timeoutMs !== clientTimeoutMs) {
      const onTimeout = () => abort.abort(new ConnectError('the operation timed out', Code.DeadlineExceeded));
      this.timer = setTimeout(onTimeout, Math.max(0, timeoutMs));
    }
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    this.context = new InstrumentedContext(transport, abort, deadline);
  }

  /** Whether the call's outcome is recorded. */
  hasEnded(): boolean {
    return this.ended;
  }

  /** Records success (only the first outcome of a call counts). */
  succeed(): void {
    this.finish(undefined);
  }

  /** Records failure and returns the mapped error to send. */
  fail(err: unknown): ConnectError {
    // After an abort (deadline, cancel, shutdown) whatever the handler threw is a consequence of it.
    const error = this.abort.aborted && !this.ended ? abortError(this.abort) : toConnectError(err);
    this.finish(error);
    return error;
  }

  private finish(error: ConnectError | undefined): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    if (this.onParentAbort !== undefined) {
      this.transport.signal.removeEventListener('abort', this.onParentAbort);
    }
    // Lets downstream work tied to the signal stop once the call is over.
    this.abort.abort(CALL_ENDED);
    const { labels, options } = this;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const code = codeName(error?.code ?? 0);
    options.metrics.handled(labels, code, seconds);
    const quiet =
      options.quietServices?.has(labels.service) === true ||
      (this.hot && seconds * 1000 < (options.slowCallMs ?? DEFAULT_SLOW_CALL_MS));
    const level = logLevelFor(error, quiet);
    if (options.logger.isEnabled(level)) {
      options.logger[level]('rpc', {
        service: labels.service,
        method: labels.method,
        protocol: this.transport.protocolName,
        code,
        duration_ms: Math.round(seconds * 1e6) / 1e3,
        request_id: this.requestId,
        ...(error !== undefined && { error: error.rawMessage }),
        ...(error?.cause !== undefined && { cause: error.cause }),
      });
    }
  }
}

export function effectiveTimeoutMs(
  clientTimeoutMs: number | undefined,
  bounds: HandlerTimeoutOptions | undefined,
): number | undefined {
  const requested = clientTimeoutMs ?? bounds?.defaultMs;
  if (bounds?.maxMs === undefined) return requested;
  return requested === undefined ? bounds.maxMs : Math.min(requested, bounds.maxMs);
}

function logLevelFor(error: ConnectError | undefined, quiet: boolean): LogLevel {
  switch (error?.code) {
    case undefined:
      return quiet ? 'debug' : 'info';
    case Code.Internal:
    case Code.Unknown:
    case Code.DataLoss:
    case Code.Unimplemented:
      return 'error';
    case Code.Unavailable:
    case Code.DeadlineExceeded:
    case Code.ResourceExhausted:
      return 'warn';
    default:
      return 'info';
  }
}
