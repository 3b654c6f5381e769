import type * as GrpcJs from '@grpc/grpc-js';
import type { ServerInterceptor } from '@grpc/grpc-js';
import { grpcServer } from '@teleport-otel/catalog';
import type { GrpcCall, InstrumentOptions, Instruments } from '@teleport-otel/core';
import { createInstruments } from '@teleport-otel/core';
import { startGrpcCall, type GrpcMethodInfo } from '@teleport-otel/core';

/** The Auth Service's gRPC server metrics: grpc_server_* with the const label `server`. */
export type GrpcServerMetrics = Instruments<typeof grpcServer>;

export interface GrpcServerMetricsOptions extends Omit<InstrumentOptions, 'constLabels'> {
  /** `server` defaults to the catalog's value ('teleport-auth', Teleport's TagServer). */
  constLabels?: { readonly server?: string };
}

/**
 * Creates the grpc_server_* counters. Pass them to createGrpcServerInterceptor, or drive them by
 * hand with startGrpcServerCall for another gRPC framework.
 */
export function createGrpcServerMetrics(options?: GrpcServerMetricsOptions): GrpcServerMetrics {
  return createInstruments(grpcServer, options);
}

/** One in-progress server call (see GrpcCall in @teleport-otel/core). */
export type GrpcServerCall = GrpcCall;

/**
 * Counts a call as started (`grpcServer.startedTotal`) and returns its tracker: the recording
 * logic of the interceptor, exposed for servers that are not grpc-js.
 */
export function startGrpcServerCall(metrics: GrpcServerMetrics, method: GrpcMethodInfo): GrpcServerCall {
  return startGrpcCall(metrics, method);
}

export interface GrpcInterceptorOptions {
  /**
   * The @grpc/grpc-js module to build intercepting calls with. Default: `require('@grpc/grpc-js')`
   * at creation time; pass your own import when several copies are installed.
   */
  grpc?: GrpcJsModule;
}

// The exported signatures describe grpc-js structurally: @grpc/grpc-js is an optional peer, and an
// app without it must still type-check these declarations with skipLibCheck off. The values are
// grpc-js's own.

/** The @grpc/grpc-js module, as `import * as grpc from '@grpc/grpc-js'` gives it. */
export type GrpcJsModule = object;

/** A grpc-js ServerInterceptor, for `new grpc.Server({ interceptors: [...] })`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GrpcServerInterceptor = (methodDescriptor: GrpcMethodInfo, call: any) => any;

/**
 * A grpc-js (>= 1.10) server interceptor filling the catalog's `grpcServer.startedTotal`,
 * `handledTotal`, `msgReceivedTotal` and `msgSentTotal`:
 *
 * ```ts
 * const server = new grpc.Server({ interceptors: [createGrpcServerInterceptor(createGrpcServerMetrics())] });
 * ```
 *
 * grpc_type comes from the method definition (requestStream/responseStream); grpc_code is the
 * status name. A call the client cancels, or whose deadline passes, ends as 'Canceled' or
 * 'DeadlineExceeded' even if the handler never answers (grpc-js then answers without us).
 */
export function createGrpcServerInterceptor(
  metrics: GrpcServerMetrics,
  options: GrpcInterceptorOptions = {}
): GrpcServerInterceptor {
  const grpc = (options.grpc as typeof GrpcJs | undefined) ?? loadGrpcJs('createGrpcServerInterceptor');
  const CANCELLED = grpc.status.CANCELLED;
  const DEADLINE_EXCEEDED = grpc.status.DEADLINE_EXCEEDED;
  const interceptor: ServerInterceptor = (method, call) => {
    const t = startGrpcServerCall(metrics, method);
    const listener = new grpc.ServerListenerBuilder()
      .withOnReceiveMessage((message, next) => {
        t.received();
        next(message);
      })
      // grpc-js also signals cancel after a normal end; end() ignores it then.
      .withOnCancel(() => t.end(deadlinePassed(call.getDeadline()) ? DEADLINE_EXCEEDED : CANCELLED))
      .build();
    const responder = new grpc.ResponderBuilder()
      .withStart((next) => next(listener))
      .withSendMessage((message, next) => {
        t.sent();
        next(message);
      })
      .withSendStatus((status, next) => {
        t.end(status.code ?? grpc.status.OK);
        next(status);
      })
      .build();
    return new grpc.ServerInterceptingCall(call, responder);
  };
  return interceptor as GrpcServerInterceptor;
}

function deadlinePassed(deadline: Date | number): boolean {
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) && Date.now() >= ms;
}

/** Loaded lazily so this package works without grpc-js (an optional peer dependency). */
function loadGrpcJs(caller: string): typeof GrpcJs {
  try {
    return require('@grpc/grpc-js') as typeof GrpcJs;
  } catch (err) {
    throw new Error(`@teleport-otel/auth: ${caller} needs @grpc/grpc-js >= 1.10 installed (or pass { grpc })`, { cause: err });
  }
}
