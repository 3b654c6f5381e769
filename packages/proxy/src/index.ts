export { createProxyMetrics, type ProxyMetrics } from './metrics';
export { createProxyPeerMetrics, type ProxyPeerMetrics } from './peer';
export { trackConnectToNode, startSshSession } from './connect';
export {
  createGrpcClientMetrics,
  createGrpcClientInterceptor,
  startGrpcClientCall,
  type GrpcClientMetrics,
  type GrpcClientMetricsOptions,
  type GrpcClientCall,
  type GrpcInterceptorOptions,
  type GrpcClientInterceptor,
  type GrpcJsModule,
} from './grpc-client';
export { grpcCodeName, grpcType, splitMethodPath, type GrpcCode, type GrpcType, type GrpcMethodInfo } from '@teleport-otel/core';
export { proxy as proxyCatalog, grpcClient as grpcClientCatalog, proxyPeer as proxyPeerCatalog } from '@teleport-otel/catalog';
export {
  createIngressMetrics,
  ingressReporter,
  ingressPathFor,
  type IngressMetrics,
  type IngressPath,
  type IngressReporter,
  type TrackedConnection,
  type LocalEnd,
} from './ingress';
