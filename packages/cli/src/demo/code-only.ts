import { createAuthMetrics, createUsageMetrics } from '@teleport-otel/auth';
import { createAuditMetrics } from '@teleport-otel/audit';
import { createBpfMetrics } from '@teleport-otel/bpf';
import { proxyPeer, proxy } from '@teleport-otel/catalog';
import { createProxyMetrics, createProxyPeerMetrics } from '@teleport-otel/proxy';
import { every, pick, type DemoDriver } from './types';

/**
 * The families Teleport 12's code registers and its metrics page omits (teleport-12 and latest
 * profiles; every instrument here is a no-op under `doc`): proxy peering, usage reporting, Auth
 * migrations, incomplete session uploads, restricted-session lost events, reverse tunnel latency.
 */
export const codeOnlyDemo: DemoDriver = {
  name: 'code-only',
  start({ meterProvider, random, profile }) {
    const peer = createProxyPeerMetrics({ meterProvider, profile });
    const usage = createUsageMetrics({ meterProvider, profile });
    const auth = createAuthMetrics({ meterProvider, profile });
    const audit = createAuditMetrics({ meterProvider, profile });
    const bpf = createBpfMetrics({ meterProvider, profile });
    const tunnel = createProxyMetrics({ meterProvider, profile });

    const [service] = proxyPeer.clientRpc.examples.service;
    const [method] = proxyPeer.clientRpc.examples.method;
    const [local] = proxyPeer.clientConnections.examples.local_id;
    const [remote] = proxyPeer.clientConnections.examples.remote_id;
    // Two peers, connected and ready (as the peer client tracks each connection's state).
    const ready = { local_id: local, remote_id: remote, state: 'READY' } as const;
    peer.clientConnections.inc(ready);
    peer.serverConnections.inc(ready);
    // Start-up migrations: one ran and finished.
    for (const migration of ['remote_clusters', 'db_authority']) auth.migrations.set(0, { migration });

    const rpc = (side: 'client' | 'server') => {
      const code = random() < 0.03 ? pick(random, ['Unavailable', 'Canceled']) : 'OK';
      const inFlight = side === 'client' ? peer.clientRpc : peer.serverRpc;
      inFlight.inc({ service, method });
      (side === 'client' ? peer.clientRpcTotal : peer.serverRpcTotal).inc({ service, method, code });
      (side === 'client' ? peer.clientRpcDurationSeconds : peer.serverRpcDurationSeconds).record(-Math.log(1 - random()) * 0.05, {
        service,
        handler: method,
        code,
      });
      for (let i = 0; i < 1 + Math.floor(random() * 4); i++) {
        const size = 32 * 2 ** Math.floor(random() * 11);
        (side === 'client' ? peer.clientMessageSentSize : peer.serverMessageSentSize).record(size, { service, handler: method });
        (side === 'client' ? peer.clientMessageReceivedSize : peer.serverMessageReceivedSize).record(size, {
          service,
          handler: method,
        });
      }
      inFlight.dec({ service, method });
    };

    let batch = 0;
    const stops = [
      every(400, () => {
        rpc('client');
        rpc('server');
        if (random() < 0.1)
          peer.clientDialErrorTotal.inc({ error_type: pick(random, proxyPeer.clientDialErrorTotal.values.error_type) });
        const dial_type = pick(random, proxy.reversetunnelConnLatency.values.dial_type);
        tunnel.reversetunnelConnLatency.record(-Math.log(1 - random()) * 0.02, { dial_type, state: 'established' });
        tunnel.reversetunnelConnLatency.record(-Math.log(1 - random()) * 0.2, { dial_type, state: 'first_read' });
      }),
      every(1000, () => {
        // Usage events accumulate and leave in batches; now and then a batch fails and is requeued.
        const events = 1 + Math.floor(random() * 6);
        usage.eventsSubmittedTotal.add(events);
        if (++batch % 3 === 0) {
          usage.batchesTotal.inc();
          usage.batchSubmissionDurationSeconds.record(0.05 + random() * 0.3);
          if (random() < 0.1) {
            usage.batchFailedTotal.inc();
            usage.eventsRequeuedTotal.add(events);
            if (random() < 0.3) usage.eventsDroppedTotal.inc();
          } else usage.batchSubmittedTotal.inc();
        }
        audit.incompleteSessionUploadsTotal.set(Math.floor(random() * 3));
        if (random() < 0.05) bpf.lostRestrictedEvents.inc();
      }),
    ];
    // Counters a scrape shows from the start, as the registered families do.
    usage.eventsRequeuedTotal.add(0);
    usage.eventsDroppedTotal.add(0);
    usage.batchFailedTotal.add(0);
    bpf.lostRestrictedEvents.add(0);
    return { stop: () => stops.forEach((s) => s()) };
  },
};
