'use strict';
// Teleport's "Key Metrics for Self-Hosted Clusters" guide
// (docs/pages/admin-guides/management/diagnostics/metrics.mdx@0a8ee17c10499d9ce98d92b34938f69897643a4d), its
// queries as PromQL that parses, for the `latest` profile. Corrections: the availability formula
// lacks range selectors and a closing parenthesis, and the reverse-tunnel query has one ')' too
// many; the guide's `teleport_backend_*_seconds_bucket` latency names carry a `teleport_` prefix no
// Teleport registers (backend_read_seconds ...). Two queries come from this project's issue, not the
// guide: what `tctl top` reads for the cache queue, and a real Auth Service's missed-heartbeat gauge.
// Names come from the catalog entries, as the `latest` profile states them; each query also gets the
// name of the recording rule that stores it, `level:metric:operations` as Prometheus' naming
// practice has it (level = the labels the result keeps).
const { entryIn } = require('@teleport-otel/catalog');
const { backend, backendOps, auth, authInventory, proxy } = require('@teleport-otel/catalog');

const PROFILE = 'latest';
const W = '5m';
/** The cache whose queue `tctl top` shows (label component of backend_watcher_queues_total). */
const TCTL_TOP_CACHE = 'auth:cache';

/** The entry as the `latest` profile states it; the generator fails if the profile lacks it. */
function latest(entry) {
  const e = entryIn(entry, PROFILE);
  if (!e) throw new Error(`key metrics: ${entry.name} is not in the ${PROFILE} profile`);
  return e;
}

/**
 * Each query says what it computes, so the rule tests can build input series for it: `kind` is
 * 'availability' (with its three counters in `parts`), 'quantile', 'aggregate' (`op` over the
 * series, keeping `by`) or 'selector' (the series as they are, `matchers` applied).
 * @typedef {import('@teleport-otel/catalog').MetricEntry} MetricEntry
 * @typedef {{ title: string, promql: string, record: string, entry: MetricEntry, kind: string, op?: string,
 *   by: string[], matchers?: [string, string][], parts?: { requests: MetricEntry, failed: MetricEntry, precondition: MetricEntry },
 *   unit: string, description: string }} KeyMetricQuery
 * @returns {KeyMetricQuery[]}
 */
function keyMetricQueries() {
  const query = (entry, { title, level, ops, kind, by = [], promql, unit = 'short', description, ...rest }) => ({
    title,
    promql,
    record: `${level}:${entry.name}:${ops}`,
    entry,
    kind,
    by,
    unit,
    description,
    ...rest,
  });
  const latency = (e) =>
    query(e, {
      title: `p99 ${e.name}`,
      level: 'cluster',
      ops: `p99_rate${W}`,
      kind: 'quantile',
      promql: `histogram_quantile(0.99, sum by (le) (rate(${e.name}_bucket[${W}])))`,
      unit: 's',
      description: `99th percentile of ${e.name} over all Auth Service instances and backends.`,
    });
  const [requests, failed, precondition] = [
    backend.writeRequestsTotal,
    backend.writeRequestsFailedTotal,
    backendOps.writeRequestsFailedPrecondition,
  ].map(latest);
  const connected = latest(auth.connectedResources);
  const tunnels = latest(proxy.reverseTunnelsConnected);
  const registered = latest(authInventory.registeredServers);
  const enrolled = latest(authInventory.enrolledInUpgrades);
  const queues = latest(backend.watcherQueuesTotal);
  const missed = latest(auth.heartbeatsMissedTotal);
  return [
    query(requests, {
      title: 'Backend write availability',
      level: 'cluster',
      ops: `availability_rate${W}`,
      kind: 'availability',
      parts: { requests, failed, precondition },
      promql:
        `1 - (sum(rate(${failed.name}[${W}])) - sum(rate(${precondition.name}[${W}])))` + ` / sum(rate(${requests.name}[${W}]))`,
      unit: 'percentunit',
      description: `Share of backend writes that did not fail for an unexpected reason: 1 - (${failed.name} - ${precondition.name}) / ${requests.name}.`,
    }),
    ...[
      backend.readSeconds,
      backend.writeSeconds,
      backend.batchReadSeconds,
      backend.batchWriteSeconds,
      backendOps.atomicWriteSeconds,
    ]
      .map(latest)
      .map(latency),
    query(connected, {
      title: 'Connected resources by type',
      level: 'type',
      ops: 'sum',
      kind: 'aggregate',
      op: 'sum',
      by: ['type'],
      promql: `sum(${connected.name}) by (type)`,
      description: connected.description || connected.help,
    }),
    query(tunnels, {
      title: 'Reverse tunnels by type',
      level: 'type',
      ops: 'max',
      kind: 'aggregate',
      op: 'max',
      by: ['type'],
      promql: `max(${tunnels.name}) by (type)`,
      description: tunnels.description || tunnels.help,
    }),
    query(registered, {
      title: 'Registered instances by version',
      level: 'version',
      ops: 'sum',
      kind: 'aggregate',
      op: 'sum',
      by: ['version'],
      promql: `sum by (version)(${registered.name})`,
      description: registered.help,
    }),
    query(enrolled, {
      title: 'Instances enrolled in automatic updates',
      level: 'instance',
      ops: 'value',
      kind: 'selector',
      by: ['job', 'instance'],
      promql: enrolled.name,
      description: enrolled.help,
    }),
    query(queues, {
      title: 'Auth cache queue (tctl top)',
      level: 'instance',
      ops: 'auth_cache',
      kind: 'selector',
      by: ['job', 'instance', ...queues.labels],
      matchers: [[queues.labels[0], TCTL_TOP_CACHE]],
      promql: `${queues.name}{${queues.labels[0]}="${TCTL_TOP_CACHE}"}`,
      description: `What tctl top shows as the cache queue: ${queues.help}`,
    }),
    query(missed, {
      title: 'Nodes that missed heartbeats',
      level: 'cluster',
      ops: 'max',
      kind: 'aggregate',
      op: 'max',
      promql: `max(${missed.name})`,
      description: missed.help,
    }),
  ];
}

module.exports = { keyMetricQueries, KEY_METRICS_PROFILE: PROFILE, KEY_METRICS_WINDOW: W };
