'use strict';
// docs/dashboards/teleport-otel.json (the default profile) and teleport-otel-latest.json (the
// latest profile's families): a Grafana dashboard with one row per package. Panels are
// derived from the catalog (counters -> rates, gauges -> values, histograms -> p50/p90/p99) plus
// the shared ratio specs; the runtime row is chosen by entry key because the go group is large.
const { catalogModule, groupsOfPackage, COMPONENT_PACKAGES } = require('./model');
const { DEFAULT_PROFILE, inProfile } = require('@teleport-otel/catalog');
const { DASHBOARD_CONTEXT: CTX, PROMETHEUS_UP, selector, aggregate, rateOf, sumRate, quantileOf, ratioOf } = require('./promql');
const { ratioSpecs } = require('./ratios');

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
const ROWS = [...COMPONENT_PACKAGES, 'diag', 'core'];
const ROW_TITLES = { diag: 'diag endpoint', core: 'teleport-otel self-metrics' };
const QUANTILES = [0.5, 0.9, 0.99];
const TOP_SERIES = 10;
const SUMMARY_QUANTILE = 'quantile';
/** Rows about one process each: their gauges are shown per instance, not summed. */
const PER_INSTANCE_ROWS = ['runtime', 'diag'];

/** Grafana unit for a value in UCUM `unit`, or for its per-second rate. */
function grafanaUnit(unit, perSecond) {
  if (perSecond) return unit === 'By' ? 'Bps' : unit === 's' ? 'percentunit' : unit === '{request}' ? 'reqps' : 'ops';
  return { s: 's', By: 'bytes', '%': 'percent', 1: 'none' }[unit] || 'short';
}

function legend(prefix, labels) {
  const parts = [prefix, ...labels.map((l) => `{{${l}}}`)].filter(Boolean);
  return parts.join(' ') || '__auto';
}

function target(expr, legendFormat) {
  return { datasource: DATASOURCE, editorMode: 'code', expr, legendFormat, range: true };
}

function timeseries(title, unit, targets, description = '') {
  return {
    type: 'timeseries',
    title,
    description,
    datasource: DATASOURCE,
    fieldConfig: { defaults: { unit, min: 0, custom: { lineWidth: 1, fillOpacity: 10, showPoints: 'never' } }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
    targets: targets.map((t, i) => ({ ...t, refId: String.fromCharCode(65 + i) })),
  };
}

function byUnit(entries) {
  const m = new Map();
  for (const e of entries) m.set(e.unit, [...(m.get(e.unit) || []), e]);
  return [...m.entries()];
}

function counterTarget(e, prefix) {
  const expr = sumRate(e, e.labels, CTX);
  return target(e.maxSeries ? `topk(${TOP_SERIES}, ${expr})` : expr, legend(prefix ? e.name : '', e.labels));
}

/** `extra` adds target labels (e.g. instance) for values that make no sense summed across processes. */
function gaugeTarget(e, prefix, extra = []) {
  const labels = [...extra, ...e.labels, ...Object.keys(e.constLabels || {})];
  return target(aggregate('sum', labels, selector(e.name, CTX)), legend(prefix ? e.name : '', labels));
}

function histogramPanel(e) {
  const targets = QUANTILES.map((q) => target(quantileOf(e, q, e.labels, CTX), legend(`p${Math.round(q * 100)}`, e.labels)));
  return timeseries(`${e.name} p50 / p90 / p99`, grafanaUnit(e.unit, false), targets, e.description || e.help);
}

function summaryPanel(e) {
  // Summaries always carry Prometheus' `quantile` label, declared in the catalog or not.
  const labels = [...e.labels.filter((l) => l !== SUMMARY_QUANTILE), SUMMARY_QUANTILE];
  return timeseries(
    `${e.name} quantiles`,
    grafanaUnit(e.unit, false),
    [target(aggregate('max', labels, selector(e.name, CTX)), legend('', labels))],
    e.description || e.help
  );
}

/** Panels derived from a group's entries. */
function groupPanels(group, entries, extra) {
  const live = entries.filter((e) => !e.noAnalog);
  const panels = [];
  for (const [unit, es] of byUnit(live.filter((e) => e.type === 'counter'))) {
    const title = es.length === 1 ? `${es[0].name} rate` : `${group}: ${unit} per second`;
    panels.push(
      timeseries(
        title,
        grafanaUnit(unit, true),
        es.map((e) => counterTarget(e, es.length > 1)),
        es.length === 1 ? es[0].description || es[0].help : ''
      )
    );
  }
  for (const [unit, es] of byUnit(live.filter((e) => e.type === 'gauge'))) {
    const title = es.length === 1 ? es[0].name : `${group}: ${unit}`;
    panels.push(
      timeseries(
        title,
        grafanaUnit(unit, false),
        es.map((e) => gaugeTarget(e, es.length > 1, extra)),
        es.length === 1 ? es[0].description || es[0].help : ''
      )
    );
  }
  for (const e of live.filter((x) => x.type === 'histogram')) panels.push(histogramPanel(e));
  for (const e of live.filter((x) => x.type === 'summary')) panels.push(summaryPanel(e));
  return panels;
}

/** The runtime row: the handful of process, heap and event-loop series an operator looks at first. */
function runtimePanels() {
  const { go, process } = catalogModule;
  // The nodejs group (event loop, V8 heap spaces) may be absent from older catalogs.
  const nodejs = catalogModule.nodejs || {};
  const live = (...es) => es.filter((e) => e !== undefined && !e.noAnalog);
  const gauges = (title, unit, ...es) =>
    timeseries(
      title,
      unit,
      live(...es).map((e) => gaugeTarget(e, true, ['instance']))
    );
  const panels = [
    gauges('Memory', 'bytes', process.residentMemoryBytes, go.heapAllocBytes, go.heapSysBytes, nodejs.externalMemory),
    timeseries(
      'CPU (cores)',
      'percentunit',
      live(process.cpuSecondsTotal).map((e) => target(sumRate(e, ['instance'], CTX), legend(e.name, ['instance'])))
    ),
    gauges('File descriptors', 'short', process.openFds, process.maxFds),
    gauges('Event loop delay', 's', nodejs.eventloopDelayP50, nodejs.eventloopDelayP99, nodejs.eventloopDelayMax),
    gauges('Event loop utilization', 'percentunit', nodejs.eventloopUtilization),
    gauges('Threads and active resources', 'short', go.threads, nodejs.resourceActive),
    gauges('V8 heap used by space', 'bytes', nodejs.heapUsed),
  ];
  if (!go.gcDurationSeconds.noAnalog) panels.push(summaryPanel(go.gcDurationSeconds));
  if (nodejs.gcDuration && !nodejs.gcDuration.noAnalog) panels.push(histogramPanel(nodejs.gcDuration));
  return panels.filter((p) => p.targets.length > 0);
}

function rowPanels(pkg, profile) {
  const ratios = ratioSpecs()
    .filter((s) => s.package === pkg && inProfile(s.num.entry, profile) && inProfile(s.den.entry, profile))
    .map((s) =>
      timeseries(
        s.title,
        'percentunit',
        [target(ratioOf(s, s.by, CTX), legend('', s.by))],
        `${s.num.entry.name} / ${s.den.entry.name}`
      )
    );
  if (pkg === 'runtime') return runtimePanels();
  const extra = PER_INSTANCE_ROWS.includes(pkg) ? ['instance'] : [];
  return [...ratios, ...groupsOfPackage(pkg, profile).flatMap(({ group, entries }) => groupPanels(group, entries, extra))];
}

/** Assigns ids and grid positions: a full-width row header, then panels three to a line. */
function layout(rows) {
  const out = [];
  let id = 1;
  let y = 0;
  for (const { title, panels } of rows) {
    out.push({ type: 'row', title, id: id++, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
    y += 1;
    panels.forEach((p, i) => {
      out.push({ ...p, id: id++, gridPos: { h: 8, w: 8, x: (i % 3) * 8, y: y + Math.floor(i / 3) * 8 } });
    });
    y += Math.ceil(panels.length / 3) * 8;
  }
  return out;
}

/** The Prometheus data source picker every dashboard starts with. */
function datasourceVariable() {
  return {
    name: 'datasource',
    label: 'Data source',
    type: 'datasource',
    query: 'prometheus',
    current: {},
    options: [],
    refresh: 1,
    regex: '',
    hide: 0,
  };
}

function queryVariable(name, label, query) {
  return {
    name,
    label,
    type: 'query',
    datasource: DATASOURCE,
    definition: query,
    query: { query, refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 },
    includeAll: true,
    multi: true,
    allValue: '.+',
    current: {},
    options: [],
    refresh: 2,
    regex: '',
    sort: 1,
    hide: 0,
  };
}

/** @returns {object} the Grafana dashboard model */
function buildDashboard(profile = DEFAULT_PROFILE) {
  const rows = ROWS.map((pkg) => ({ title: ROW_TITLES[pkg] || pkg, panels: rowPanels(pkg, profile) })).filter(
    (r) => r.panels.length > 0
  );
  // The default profile's dashboard keeps its title and uid; another profile's is a separate dashboard.
  const suffix = profile === DEFAULT_PROFILE ? '' : `-${profile}`;
  return {
    annotations: { list: [] },
    description: `Teleport metrics recorded by teleport-otel${
      suffix ? ` (profile ${profile})` : ''
    }, generated from @teleport-otel/catalog.`,
    editable: true,
    graphTooltip: 1,
    id: null,
    links: [],
    panels: layout(rows),
    refresh: '30s',
    schemaVersion: 39,
    tags: ['teleport', 'teleport-otel'],
    templating: {
      list: [
        datasourceVariable(),
        queryVariable('job', 'Job', `label_values(${PROMETHEUS_UP}, job)`),
        queryVariable('instance', 'Instance', `label_values(${PROMETHEUS_UP}{job=~"$job"}, instance)`),
      ],
    },
    time: { from: 'now-1h', to: 'now' },
    timepicker: {},
    timezone: '',
    title: `Teleport (teleport-otel${suffix ? `, ${profile}` : ''})`,
    uid: `teleport-otel${suffix}`,
    version: 1,
  };
}

/** @param {string} [profile] */
function renderDashboard(profile) {
  return `${JSON.stringify(buildDashboard(profile), null, 2)}\n`;
}

/** Grafana variables replaced so the queries run as plain PromQL. */
const DEFAULT_SUBSTITUTIONS = { $__rate_interval: '1m', $instance: '.+', $job: '.+' };

/**
 * Every panel query: `expr` as stored in the dashboard and `promql` with Grafana variables
 * substituted (for running against a real Prometheus).
 */
function panelQueries(dashboard = buildDashboard(), substitutions = DEFAULT_SUBSTITUTIONS) {
  const keys = Object.keys(substitutions).sort((a, b) => b.length - a.length);
  const out = [];
  let row = '';
  for (const p of dashboard.panels) {
    if (p.type === 'row') {
      row = p.title;
      continue;
    }
    for (const t of p.targets || []) {
      let promql = t.expr;
      for (const k of keys) promql = promql.split(k).join(substitutions[k]);
      out.push({ row, panel: p.title, panelId: p.id, refId: t.refId, expr: t.expr, promql });
    }
  }
  return out;
}

module.exports = {
  buildDashboard,
  renderDashboard,
  panelQueries,
  DEFAULT_SUBSTITUTIONS,
  // building blocks for the other dashboards (key-metrics-dashboard.js)
  timeseries,
  target,
  legend,
  layout,
  datasourceVariable,
};
