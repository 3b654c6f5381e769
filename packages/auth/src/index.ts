export { createAuthMetrics, type AuthMetrics } from './metrics';
export { trackGenerate, GenerateThrottledError, type TrackGenerateOptions } from './generate';
export { reportMissedHeartbeats } from './heartbeats';
export { createUsageMetrics, type UsageMetrics } from './usage';
export { setRegisteredServers, trackKeepAliveStream, type KeepAliveStream } from './inventory';
export {
  createGrpcServerMetrics,
  createGrpcServerInterceptor,
  startGrpcServerCall,
  type GrpcServerMetrics,
  type GrpcServerMetricsOptions,
  type GrpcServerCall,
  type GrpcInterceptorOptions,
  type GrpcServerInterceptor,
  type GrpcJsModule,
} from './grpc-server';
export { grpcCodeName, grpcType, splitMethodPath, type GrpcCode, type GrpcType, type GrpcMethodInfo } from '@teleport-otel/core';
export { auth as authCatalog, grpcServer as grpcServerCatalog, usage as usageCatalog } from '@teleport-otel/catalog';
export {
  createAuthInventoryMetrics,
  reportInventory,
  countAccessRequest,
  type AuthInventoryMetrics,
  type InventoryInstance,
} from './inventory-latest';
