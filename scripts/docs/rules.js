'use strict';
// docs/alerts/teleport-otel.rules.yml: recording rules (p99 of every histogram, the shared error
// ratios) and alerts, all written from catalog entries. Each alert carries the fixture that makes
// it fire, so rules-test.js can prove every alert in promtool.
const { catalog, catalogModule } = require('./model');
const { RULES_CONTEXT: CTX, PROMETHEUS_UP, selector, aggregate, increaseOf, sumRate, quantileOf, ratioOf } = require('./promql');
const { ratioSpecs } = require('./ratios');
const fx = require('./fixtures');
const { toYaml } = require('./yaml');

/** Thresholds, in one place so the docs can quote them. */
const THRESHOLDS = {
  backendP99Seconds: 1,
  failedLoginsPerSecond: 0.1,
  auditDiskPercent: 90, // Teleport's DiskAlertThreshold
  cacheStaleRatio: 0.1,
};

const histograms = () => catalog.filter((e) => e.type === 'histogram' && !e.noAnalog);

function p99RecordName(entry) {
  return `job:${entry.name}:p99_rate${CTX.range}`;
}
function ratioRecordName(spec) {
  return `job:${spec.num.entry.name}:${spec.suffix}_rate${CTX.range}`;
}

function recordingRules() {
  return [
    ...histograms().map((e) => ({ record: p99RecordName(e), expr: quantileOf(e, 0.99, ['job', ...e.labels], CTX) })),
    ...ratioSpecs().map((s) => ({ record: ratioRecordName(s), expr: ratioOf(s, ['job', ...s.by], CTX) })),
  ];
}

/** An alert on the increase of a counter, per job: fires when it grew at all over `range`. */
function increaseAlert(alert, entry, range, by, severity, summary, fixturePerMinute = 1) {
  return {
    alert,
    expr: `${aggregate('sum', by, increaseOf(entry, CTX, range))} > 0`,
    for: '5m',
    severity,
    summary,
    description: `${entry.name} increased over the last ${range} on job {{ $labels.job }}.`,
    fixture: () => {
      const c = fx.counter(entry, fixturePerMinute);
      return { series: [c.series], labels: fx.pick(c.labels, by) };
    },
  };
}

/** @returns the alert specs, in file order */
function alertSpecs() {
  const { auth, audit, proxy, cache, self } = catalogModule;
  const cacheRatio = ratioSpecs().find((s) => s.num.entry === cache.cacheStaleEvents);
  const backendLatency = histograms()
    .filter((e) => e.package === 'backends')
    .map((e) => ({
      alert: 'TeleportBackendLatencyHigh',
      expr: `${p99RecordName(e)} > ${THRESHOLDS.backendP99Seconds}`,
      for: '5m',
      severity: 'warning',
      // One rule per histogram under one alert name: the label keeps the rules distinct.
      labels: { metric: e.name },
      summary: `p99 of ${e.name} is above ${THRESHOLDS.backendP99Seconds}s`,
      description: `${e.description || e.help} p99 over 5m is above ${THRESHOLDS.backendP99Seconds}s on job {{ $labels.job }}.`,
      fixture: () => {
        const h = fx.slowHistogram(e, 0.99);
        return { series: h.series, labels: fx.pick(h.labels, ['job', ...e.labels]) };
      },
    }));
  return [
    ...backendLatency,
    {
      alert: 'TeleportFailedLoginsHigh',
      expr: `${sumRate(proxy.failedLoginAttemptsTotal, ['job'], CTX)} > ${THRESHOLDS.failedLoginsPerSecond}`,
      for: '5m',
      severity: 'warning',
      summary: 'Many failed logins through the Proxy Service',
      description: `${proxy.failedLoginAttemptsTotal.name} grows faster than ${THRESHOLDS.failedLoginsPerSecond}/s on job {{ $labels.job }}.`,
      fixture: () => {
        const c = fx.counter(proxy.failedLoginAttemptsTotal, 30);
        return { series: [c.series], labels: fx.pick(c.labels, ['job']) };
      },
    },
    increaseAlert(
      'TeleportHeartbeatsMissed',
      auth.heartbeatMissedTotal,
      '15m',
      ['job'],
      'warning',
      'The Auth Service missed heartbeats from Teleport instances'
    ),
    increaseAlert(
      'TeleportAuditEmitFailures',
      audit.failedEmitEvents,
      '5m',
      ['job'],
      'critical',
      'Audit events failed to be emitted'
    ),
    {
      alert: 'TeleportAuditDiskSpaceHigh',
      expr: `${aggregate('max', ['job', 'instance'], selector(audit.percentageDiskSpaceUsed.name, CTX))} > ${
        THRESHOLDS.auditDiskPercent
      }`,
      for: '10m',
      severity: 'warning',
      summary: `Audit log disk more than ${THRESHOLDS.auditDiskPercent}% full`,
      description: `${audit.percentageDiskSpaceUsed.name} is above ${THRESHOLDS.auditDiskPercent} on {{ $labels.instance }} (job {{ $labels.job }}).`,
      fixture: () => {
        const labels = { ...fx.TARGET };
        return {
          series: [fx.gauge(audit.percentageDiskSpaceUsed.name, labels, 95).series],
          labels: fx.pick(labels, ['job', 'instance']),
        };
      },
    },
    {
      alert: 'TeleportCacheStaleEventsHigh',
      expr: `${ratioRecordName(cacheRatio)} > ${THRESHOLDS.cacheStaleRatio}`,
      for: '10m',
      severity: 'warning',
      summary: 'A high share of cache events are stale (degraded backend?)',
      description: `More than ${
        THRESHOLDS.cacheStaleRatio * 100
      }% of the events received by a cache are stale on job {{ $labels.job }}.`,
      fixture: () => {
        const r = fx.ratioSeries(cacheRatio);
        return { series: r.series, labels: fx.pick(r.labels, ['job', ...cacheRatio.by]) };
      },
    },
    increaseAlert(
      'TeleportProxyConnectionLimitExceeded',
      proxy.connectionLimitExceededTotal,
      '5m',
      ['job'],
      'warning',
      'Connections are refused by the Proxy Service connection limit'
    ),
    {
      alert: 'TeleportTargetDown',
      expr: `${PROMETHEUS_UP} == 0`,
      for: '5m',
      severity: 'critical',
      summary: 'A scrape target is down',
      description: 'Prometheus cannot scrape {{ $labels.instance }} (job {{ $labels.job }}).',
      fixture: () => {
        const labels = { ...fx.TARGET };
        return { series: [fx.gauge(PROMETHEUS_UP, labels, 0).series], labels };
      },
    },
    increaseAlert(
      'TeleportOtelDroppedMeasurements',
      self.droppedMeasurements,
      '15m',
      ['job', ...self.droppedMeasurements.labels],
      'info',
      'teleport-otel dropped or coerced invalid measurements'
    ),
    increaseAlert(
      'TeleportOtelCardinalityOverflow',
      self.cardinalityOverflow,
      '15m',
      ['job', ...self.cardinalityOverflow.labels],
      'warning',
      'A metric reached its label-set limit; new series are folded into the overflow series'
    ),
  ];
}

function alertRule(spec) {
  return {
    alert: spec.alert,
    expr: spec.expr,
    for: spec.for,
    labels: { severity: spec.severity, ...(spec.labels || {}) },
    annotations: { summary: spec.summary, description: spec.description },
  };
}

function buildRules() {
  return {
    groups: [
      { name: 'teleport-otel.recording', rules: recordingRules() },
      { name: 'teleport-otel.alerts', rules: alertSpecs().map(alertRule) },
    ],
  };
}

const HEADER = [
  'Generated by `npm run docs` from @teleport-otel/catalog (scripts/docs/rules.js). Do not edit by hand.',
  'Prometheus recording and alerting rules for services instrumented with teleport-otel.',
  'Check: promtool check rules teleport-otel.rules.yml; test: promtool test rules teleport-otel.rules.test.yml',
].join('\n');

function renderRules() {
  return toYaml(buildRules(), HEADER);
}

module.exports = { buildRules, renderRules, alertSpecs, recordingRules, p99RecordName, ratioRecordName, THRESHOLDS, histograms };
