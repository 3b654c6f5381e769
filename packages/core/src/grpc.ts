import { grpcServer, type LabelsOf } from '@teleport-otel/catalog';

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
const CODE_NAMES = grpcServer.handledTotal.values.grpc_code;

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
