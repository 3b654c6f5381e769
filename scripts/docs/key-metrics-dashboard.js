'use strict';
// docs/dashboards/key-metrics-latest.json: one Grafana panel per query of Teleport's Key Metrics
// guide (key-metrics.js), as the guide writes it (corrected where it does not parse), for the
// `latest` profile. Built with the blocks of the package dashboard (dashboard.js).
const { keyMetricQueries, KEY_METRICS_PROFILE } = require('./key-metrics');
const { timeseries, target, legend, layout, datasourceVariable } = require('./dashboard');

/** @returns {object} the Grafana dashboard model */
function buildKeyMetricsDashboard() {
  const panels = keyMetricQueries().map((q) =>
    timeseries(
      q.title,
      q.unit,
      [
        target(
          q.promql,
          legend(
            '',
            q.by.filter((l) => l !== 'job')
          )
        ),
      ],
      q.description
    )
  );
  return {
    annotations: { list: [] },
    description: `The queries of Teleport's "Key Metrics for Self-Hosted Clusters" guide (profile ${KEY_METRICS_PROFILE}), generated from @teleport-otel/catalog.`,
    editable: true,
    graphTooltip: 1,
    id: null,
    links: [],
    panels: layout([{ title: `Key metrics (Teleport ${KEY_METRICS_PROFILE})`, panels }]),
    refresh: '30s',
    schemaVersion: 39,
    tags: ['teleport', 'teleport-otel', KEY_METRICS_PROFILE],
    templating: { list: [datasourceVariable()] },
    time: { from: 'now-1h', to: 'now' },
    timepicker: {},
    timezone: '',
    title: `Teleport key metrics (${KEY_METRICS_PROFILE})`,
    uid: `teleport-otel-key-metrics-${KEY_METRICS_PROFILE}`,
    version: 1,
  };
}

const DASHBOARD_FILE = `key-metrics-${KEY_METRICS_PROFILE}.json`;

function renderKeyMetricsDashboard() {
  return `${JSON.stringify(buildKeyMetricsDashboard(), null, 2)}\n`;
}

module.exports = { buildKeyMetricsDashboard, renderKeyMetricsDashboard, DASHBOARD_FILE };
