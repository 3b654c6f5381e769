import type * as GrpcJs from '@grpc/grpc-js';
import type { Interceptor } from '@grpc/grpc-js';
import { grpcClient } from '@teleport-otel/catalog';
import type { BoundCounter, InstrumentOptions, Instruments } from '@teleport-otel/core';
import { createInstruments } from '@teleport-otel/core';
import { grpcCodeName, grpcMethodLabels, type GrpcCode, type GrpcMethodInfo } from '@teleport-otel/core';

/** The Proxy's gRPC client metrics: grpc_client_* with the const label `client`. */
export type GrpcClientMetrics = Instruments<typeof grpcClient>;

export interface GrpcClientMetricsOptions extends Omit<InstrumentOptions, 'constLabels'> {
  /** `client` defaults to the catalog's value ('teleport-proxy', Teleport's TagClient). */
  constLabels?: { readonly client?: string };
}

/**
 * Creates the grpc_client_* counters. Pass them to createGrpcClientInterceptor, or drive them by
 * hand with startGrpcClientCall for another gRPC client.
 */
export function createGrpcClientMetrics(options?: GrpcClientMetricsOptions): GrpcClientMetrics {
  return createInstruments(grpcClient, options);
}

/** One in-progress client call. end() counts once; later calls are ignored. */
export interface GrpcClientCall {
  /** A request message was sent (grpc_client_msg_sent_total). */
  sent(): void;
  /** A response message arrived (grpc_client_msg_received_total). */
  received(): void;
  /** The call finished with this status (numeric or name): grpc_client_handled_total, once. */
  end(code: number | GrpcCode): void;
}

interface MethodSeries {
  readonly started: BoundCounter;
  readonly received: BoundCounter;
  readonly sent: BoundCounter;
  readonly handled: Map<GrpcCode, BoundCounter>;
  readonly labels: ReturnType<typeof grpcMethodLabels>;
}

// Generic clients can call any path; the cap keeps this cache bounded (core caps the series).
const MAX_CACHED_METHODS = 1000;
const seriesByMetrics = new WeakMap<GrpcClientMetrics, Map<string, MethodSeries[]>>();

function methodSeries(m: GrpcClientMetrics, method: GrpcMethodInfo): MethodSeries {
  let byPath = seriesByMetrics.get(m);
  if (!byPath) seriesByMetrics.set(m, (byPath = new Map()));
  // One slot per call shape, so the hot path builds no key string.
  const shape = (method.requestStream ? 1 : 0) + (method.responseStream ? 2 : 0);
  let shapes = byPath.get(method.path);
  let s = shapes?.[shape];
  if (s) return s;
  const labels = grpcMethodLabels(method);
  s = {
    labels,
    started: m.startedTotal.bind(labels),
    received: m.msgReceivedTotal.bind(labels),
    sent: m.msgSentTotal.bind(labels),
    handled: new Map(),
  };
  if (!shapes && byPath.size < MAX_CACHED_METHODS) byPath.set(method.path, (shapes = []));
  if (shapes) shapes[shape] = s;
  return s;
}

/** Counts a call as started (grpc_client_started_total) and returns its tracker: the interceptor's recording logic. */
export function startGrpcClientCall(metrics: GrpcClientMetrics, method: GrpcMethodInfo): GrpcClientCall {
  const s = methodSeries(metrics, method);
  s.started.inc();
  return new CallTracker(metrics, s);
}

/** A class rather than a closure object: one allocation per call. */
class CallTracker implements GrpcClientCall {
  private ended = false;
  constructor(private readonly metrics: GrpcClientMetrics, private readonly s: MethodSeries) {}
  received(): void {
    this.s.received.inc();
  }
  sent(): void {
    this.s.sent.inc();
  }
  end(code: number | GrpcCode): void {
    if (this.ended) return;
    this.ended = true;
    const name = grpcCodeName(code);
    let h = this.s.handled.get(name);
    if (!h) this.s.handled.set(name, (h = this.metrics.handledTotal.bind({ ...this.s.labels, grpc_code: name })));
    h.inc();
  }
}

export interface GrpcInterceptorOptions {
  /**
   * The @grpc/grpc-js module to build intercepting calls with. Default: `require('@grpc/grpc-js')`
   * at creation time; pass your own import when several copies are installed.
   */
  grpc?: typeof GrpcJs;
}

/**
 * A grpc-js client interceptor filling grpc_client_started_total, _handled_total,
 * _msg_received_total and _msg_sent_total:
 *
 * ```ts
 * const client = new AuthClient(addr, creds, { interceptors: [createGrpcClientInterceptor(createGrpcClientMetrics())] });
 * ```
 *
 * grpc_code is the name of the status the client saw, local ones included (a cancelled call is
 * 'Canceled', a missed deadline 'DeadlineExceeded', an unreachable server 'Unavailable').
 */
export function createGrpcClientInterceptor(metrics: GrpcClientMetrics, options: GrpcInterceptorOptions = {}): Interceptor {
  const grpc = options.grpc ?? loadGrpcJs('createGrpcClientInterceptor');
  return (callOptions, nextCall) => {
    const method = callOptions.method_definition;
    const t = startGrpcClientCall(metrics, method);
    // For a single-response method that ends without a message, grpc-js hands the listener a
    // synthetic null message just before the status; it is not a received message.
    const synthetic = (message: unknown): boolean => message === null && !method.responseStream;
    const requester = new grpc.RequesterBuilder()
      .withStart((metadata, listener, next) => {
        const counting = new grpc.ListenerBuilder()
          .withOnReceiveMessage((message, nextMessage) => {
            if (!synthetic(message)) t.received();
            nextMessage(message);
          })
          .withOnReceiveStatus((status, nextStatus) => {
            t.end(status.code);
            nextStatus(status);
          })
          .build();
        next(metadata, counting);
      })
      .withSendMessage((message, next) => {
        t.sent();
        next(message);
      })
      .build();
    return new grpc.InterceptingCall(nextCall(callOptions), requester);
  };
}

/** Loaded lazily so this package works without grpc-js (an optional peer dependency). */
function loadGrpcJs(caller: string): typeof GrpcJs {
  try {
    return require('@grpc/grpc-js') as typeof GrpcJs;
  } catch (err) {
    throw new Error(`@teleport-otel/proxy: ${caller} needs @grpc/grpc-js >= 1.10 installed (or pass { grpc })`, { cause: err });
  }
}
