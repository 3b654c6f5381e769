import type * as GrpcJs from '@grpc/grpc-js';
import type { Interceptor } from '@grpc/grpc-js';
import { grpcClient } from '@teleport-otel/catalog';
import type { GrpcCall, InstrumentOptions, Instruments } from '@teleport-otel/core';
import { createInstruments } from '@teleport-otel/core';
import { startGrpcCall, type GrpcMethodInfo } from '@teleport-otel/core';

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

/** One in-progress client call (see GrpcCall in @teleport-otel/core). */
export type GrpcClientCall = GrpcCall;

/**
 * Counts a call as started (grpc_client_started_total) and returns its tracker: the recording
 * logic of the interceptor, exposed for clients that are not grpc-js.
 */
export function startGrpcClientCall(metrics: GrpcClientMetrics, method: GrpcMethodInfo): GrpcClientCall {
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

/** A grpc-js client Interceptor, for a client's `{ interceptors: [...] }` option. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GrpcClientInterceptor = (
  options: { readonly method_definition: GrpcMethodInfo },
  nextCall: (options: any) => any
) => any;

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
export function createGrpcClientInterceptor(
  metrics: GrpcClientMetrics,
  options: GrpcInterceptorOptions = {}
): GrpcClientInterceptor {
  const grpc = (options.grpc as typeof GrpcJs | undefined) ?? loadGrpcJs('createGrpcClientInterceptor');
  const interceptor: Interceptor = (callOptions, nextCall) => {
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
  return interceptor as GrpcClientInterceptor;
}

/** Loaded lazily so this package works without grpc-js (an optional peer dependency). */
function loadGrpcJs(caller: string): typeof GrpcJs {
  try {
    return require('@grpc/grpc-js') as typeof GrpcJs;
  } catch (err) {
    throw new Error(`@teleport-otel/proxy: ${caller} needs @grpc/grpc-js >= 1.10 installed (or pass { grpc })`, { cause: err });
  }
}
