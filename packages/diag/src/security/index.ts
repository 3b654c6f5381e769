export { createMetricsGuard, type MetricsAuthOptions, type Refusal } from './auth';
export { loadTls, type DiagTlsOptions } from './tls';
export { validateServerOptions, type CheckedOptions } from './validate';
