export { createDbMetrics, createProxyDbMetrics, type DbMetrics, type ProxyDbMetrics } from './metrics';
export { dbEngineReporter, DB_SERVICE_COMPONENT, type DbEngineReporter, type DbTarget } from './engine';
export { proxyDbConnection, PROXY_DB_COMPONENT, type ProxyDbConnection, type ProxyDbTarget } from './proxy';
export { db as dbCatalog, proxyDb as proxyDbCatalog } from '@teleport-otel/catalog';
