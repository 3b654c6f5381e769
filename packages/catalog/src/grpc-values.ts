/** grpc_type: the four call shapes of gRPC, as go-grpc-middleware names them. */
export const GRPC_TYPES = ['unary', 'client_stream', 'server_stream', 'bidi_stream'] as const;

/** grpc_code: status code names as Go's codes.Code.String() prints them, in numeric order 0..16. */
export const GRPC_CODES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
] as const;
