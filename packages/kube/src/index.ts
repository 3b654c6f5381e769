export { createKubeMetrics, type KubeMetrics } from './metrics';
export { kubeServerTracker, startKubeSession, type KubeSession } from './server';
export { startKubeClientRequest, type KubeClientRequest } from './client';
export { promhttpCode, promhttpMethod } from './promhttp';
export { kube as kubeCatalog } from '@teleport-otel/catalog';
