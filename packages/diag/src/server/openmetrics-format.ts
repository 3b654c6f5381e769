import type { ExpositionFormat } from './formats';

/**
 * OpenMetrics 1.0 with exemplars, offered only with `openMetrics: true`. Accepted for version
 * 1.0.0 (Prometheus asks for it first), 0.0.1 or none. client_golang 1.14 accepts only 0.0.1 and
 * labels its answer `version=0.0.1`, so from Prometheus's header it picks the q=0.75 element; we
 * answer the q=1 element instead, as newer client_golang does. The body is the same.
 */
export const openMetricsFormat: ExpositionFormat = {
  name: 'openmetrics',
  contentType: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
  accepts: (p) =>
    p.value === 'application/openmetrics-text' &&
    (p.params.version === undefined || p.params.version === '1.0.0' || p.params.version === '0.0.1'),
  render: ({ reader, timeoutMillis }) => reader.chunks({ timeoutMillis, openMetrics: true }),
};
