'use strict';
/*
 * A minimal Prometheus text serializer over sdk-metrics ResourceMetrics, standing in for
 * @opentelemetry/exporter-prometheus (not installed in this repository). It does less than the
 * real PrometheusSerializer (no name sanitising, no _total/unit suffixes, no scope labels, no
 * target_info, no sorting), so the otel-sdk render numbers are a lower bound for OpenTelemetry's
 * exporter: collect() plus the least text building any exporter must do.
 */

const { DataPointType } = require('@opentelemetry/sdk-metrics');

function escape(v) {
  return String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function pairs(attributes) {
  let s = '';
  for (const k in attributes) s += `${s === '' ? '' : ','}${k}="${escape(attributes[k])}"`;
  return s;
}

function serializeResourceMetrics(rm) {
  let out = '';
  for (const sm of rm.scopeMetrics) {
    for (const m of sm.metrics) {
      const name = m.descriptor.name;
      const histogram = m.dataPointType === DataPointType.HISTOGRAM;
      out += `# HELP ${name} ${m.descriptor.description}\n# TYPE ${name} ${
        histogram ? 'histogram' : m.isMonotonic ? 'counter' : 'gauge'
      }\n`;
      for (const dp of m.dataPoints) {
        const p = pairs(dp.attributes);
        if (!histogram) {
          out += `${name}${p === '' ? '' : `{${p}}`} ${dp.value}\n`;
          continue;
        }
        const { boundaries, counts } = dp.value.buckets;
        const open = `${name}_bucket{${p === '' ? '' : `${p},`}le="`;
        let cumulative = 0;
        for (let i = 0; i < boundaries.length; i++) {
          cumulative += counts[i];
          out += `${open}${boundaries[i]}"} ${cumulative}\n`;
        }
        out += `${open}+Inf"} ${dp.value.count}\n`;
        const block = p === '' ? '' : `{${p}}`;
        out += `${name}_sum${block} ${dp.value.sum}\n${name}_count${block} ${dp.value.count}\n`;
      }
    }
  }
  return out;
}

module.exports = { serializeResourceMetrics };
