import type { ExpositionFormat } from './formats';

export const PROTOBUF_CONTENT_TYPE =
  'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

/**
 * Delimited protobuf MetricFamily messages, served (as client_golang's promhttp serves them) to a
 * scraper that asks for `application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;
 * encoding=delimited`: Prometheus does, first, with --enable-feature=native-histograms. client_golang's
 * two debugging encodings of the same type (encoding=text, compact-text) are not offered: a scraper
 * asking only for them gets the text format.
 */
export const protobufFormat: ExpositionFormat = {
  name: 'protobuf',
  contentType: PROTOBUF_CONTENT_TYPE,
  accepts: (p) =>
    p.value === 'application/vnd.google.protobuf' &&
    p.params.proto === 'io.prometheus.client.MetricFamily' &&
    p.params.encoding === 'delimited',
  render: ({ reader, timeoutMillis }) => reader.formatChunks('protobuf', { timeoutMillis }),
};
