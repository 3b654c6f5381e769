import { GRPC_CODES, grpcServer, type LabelsOf } from '@teleport-otel/catalog';
import type { BoundCounter } from './types';

// Shared by the gRPC interceptors of @teleport-otel/auth (grpc_server_*) and @teleport-otel/proxy
// (grpc_client_*): both groups declare the same closed sets for grpc_type and grpc_code.

/** grpc_type: the four call shapes of gRPC. */
export type GrpcType = LabelsOf<typeof grpcServer.startedTotal>['grpc_type'];
/** grpc_code: the status code NAME, as Go's codes.Code.String() prints it ('OK', 'NotFound', ...). */
export type GrpcCode = LabelsOf<typeof grpcServer.handledTotal>['grpc_code'];

/** What a call's labels are derived from: grpc-js's method definitions carry exactly these fields. */
export interface GrpcMethodInfo {
  /** Full method path, e.g. '/proto.AuthService/Ping'. */
  readonly path: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
}

/** The catalog lists the code names in numeric order, 0 (OK) to 16 (Unauthenticated). */
const CODE_NAMES = GRPC_CODES;

/** The code name of a numeric gRPC status; anything outside 0..16 reports as 'Unknown', as gRPC itself maps it. */
export function grpcCodeName(code: number | GrpcCode): GrpcCode {
  if (typeof code === 'string') return (CODE_NAMES as readonly string[]).includes(code) ? code : 'Unknown';
  return (Number.isInteger(code) ? CODE_NAMES[code] : undefined) ?? 'Unknown';
}

export function grpcType(requestStream: boolean, responseStream: boolean): GrpcType {
  if (requestStream) return responseStream ? 'bidi_stream' : 'client_stream';
  return responseStream ? 'server_stream' : 'unary';
}

/** Splits '/proto.AuthService/Ping' into service and method, as the Go interceptors do ('unknown' when there is no '/'). */
export function splitMethodPath(path: string): { grpc_service: string; grpc_method: string } {
  const full = path.startsWith('/') ? path.slice(1) : path;
  const i = full.indexOf('/');
  if (i < 0) return { grpc_service: 'unknown', grpc_method: 'unknown' };
  return { grpc_service: full.slice(0, i), grpc_method: full.slice(i + 1) };
}

/** The three labels shared by every grpc_* metric of one method. */
export function grpcMethodLabels(method: GrpcMethodInfo): { grpc_type: GrpcType; grpc_service: string; grpc_method: string } {
  return { grpc_type: grpcType(method.requestStream, method.responseStream), ...splitMethodPath(method.path) };
}

type MethodLabels = ReturnType<typeof grpcMethodLabels>;
interface Bindable<L> {
  bind(labels: L): BoundCounter;
}

/** The four grpc_{server,client}_* counters: both catalog groups have these keys and labels. */
export interface GrpcCallCounters {
  readonly startedTotal: Bindable<MethodLabels>;
  readonly msgReceivedTotal: Bindable<MethodLabels>;
  readonly msgSentTotal: Bindable<MethodLabels>;
  readonly handledTotal: Bindable<MethodLabels & { grpc_code: GrpcCode }>;
}

/** One in-progress call. Every method is cheap and safe in any order; end() counts once. */
export interface GrpcCall {
  /** A message arrived (grpc_*_msg_received_total). */
  received(): void;
  /** A message went out (grpc_*_msg_sent_total). */
  sent(): void;
  /** The call finished with this status (numeric or name): grpc_*_handled_total, once. */
  end(code: number | GrpcCode): void;
}

/** Bound handles of one method, built on its first call: later calls do no label work at all. */
interface MethodSeries {
  readonly started: BoundCounter;
  readonly received: BoundCounter;
  readonly sent: BoundCounter;
  readonly handled: Map<GrpcCode, BoundCounter>;
  readonly labels: MethodLabels;
}

// Methods come from registered handlers or stubs, so this stays small; the cap guards odd callers.
const MAX_CACHED_METHODS = 1000;
const seriesByCounters = new WeakMap<GrpcCallCounters, Map<string, MethodSeries[]>>();

function methodSeries(m: GrpcCallCounters, method: GrpcMethodInfo): MethodSeries {
  let byPath = seriesByCounters.get(m);
  if (!byPath) seriesByCounters.set(m, (byPath = new Map()));
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

/**
 * Counts a call as started and returns its tracker: the recording logic of the grpc-js
 * interceptors in @teleport-otel/auth and @teleport-otel/proxy, usable for any gRPC framework.
 */
export function startGrpcCall(counters: GrpcCallCounters, method: GrpcMethodInfo): GrpcCall {
  const s = methodSeries(counters, method);
  s.started.inc();
  return new CallTracker(counters, s);
}

/** A class rather than a closure object: one allocation per call. */
class CallTracker implements GrpcCall {
  private ended = false;
  constructor(private readonly counters: GrpcCallCounters, private readonly s: MethodSeries) {}
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
    if (!h) this.s.handled.set(name, (h = this.counters.handledTotal.bind({ ...this.s.labels, grpc_code: name })));
    h.inc();
  }
}
