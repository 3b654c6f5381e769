'use strict';
// Teleport's "Key Metrics for Self-Hosted Clusters" guide
// (docs/pages/admin-guides/management/diagnostics/metrics.mdx@0a8ee17c10499d9ce98d92b34938f69897643a4d), its
// queries as PromQL that parses, for the `latest` profile. Corrections: the availability formula
// lacks range selectors and a closing parenthesis, and the reverse-tunnel query has one ')' too
// many; the guide's `teleport_backend_*_seconds_bucket` latency names carry a `teleport_` prefix no
// Teleport registers (backend_read_seconds ...). Names come from the catalog entries.
const { backend, backendOps, auth, proxy, authInventory } = require('@teleport-otel/catalog');

const W = '5m';

/** @returns {{ title: string, promql: string }[]} */
function keyMetricQueries() {
  const latency = (entry) => ({
    title: `p99 ${entry.name}`,
    promql: `histogram_quantile(0.99, sum by (le) (rate(${entry.name}_bucket[${W}])))`,
  });
  return [
    {
      title: 'Backend write availability',
      promql:
        `1 - (sum(rate(${backend.writeRequestsFailedTotal.name}[${W}])) - sum(rate(${backendOps.writeRequestsFailedPrecondition.name}[${W}])))` +
        ` / sum(rate(${backend.writeRequestsTotal.name}[${W}]))`,
    },
    latency(backend.readSeconds),
    latency(backend.writeSeconds),
    latency(backend.batchReadSeconds),
    latency(backend.batchWriteSeconds),
    latency(backendOps.atomicWriteSeconds),
    { title: 'Connected resources by type', promql: `sum(${auth.connectedResources.name}) by (type)` },
    { title: 'Reverse tunnels by type', promql: `max(${proxy.reverseTunnelsConnected.name}) by (type)` },
    { title: 'Registered instances by version', promql: `sum by (version)(${auth.registeredServers.name})` },
    { title: 'Instances enrolled in automatic updates', promql: authInventory.enrolledInUpgrades.name },
    // What `tctl top` reads for the cache queue, and a real Auth Service's missed-heartbeat gauge.
    { title: 'Auth cache queue (tctl top)', promql: `${backend.watcherQueuesTotal.name}{component="auth:cache"}` },
    { title: 'Nodes that missed heartbeats', promql: `max(${auth.heartbeatsMissedTotal.name})` },
  ];
}

module.exports = { keyMetricQueries };
