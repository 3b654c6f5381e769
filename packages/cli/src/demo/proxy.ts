import { proxy } from '@teleport-otel/catalog';
import { createGrpcClientMetrics, createProxyMetrics, startSshSession, trackConnectToNode } from '@teleport-otel/proxy';
import { startLoopbackRpc } from './auth';
import { every, pick, type DemoDriver } from './types';

/**
 * Proxy Service: SSH dials to nodes (about 1 in 25 fails), sessions that live a few seconds,
 * failed logins, connection-limit hits, reverse tunnels and leaf/root cluster connections, and
 * the Proxy's gRPC client to Auth through the real client interceptor.
 */
export const proxyDemo: DemoDriver = {
  name: 'proxy',
  start({ meterProvider, random, heartbeat }) {
    const m = createProxyMetrics({ meterProvider });
    const rpc = startLoopbackRpc({ random, client: createGrpcClientMetrics({ meterProvider }) });
    const sessions = new Set<() => void>();
    const dial = trackConnectToNode(m, (host: string) => {
      if (random() < 0.04) throw new Error(`dial ${host}: connection refused`);
      return host;
    });
    const tunnelTypes = proxy.reverseTunnelsConnected.examples.type;
    const tunnels: string[] = [];
    const addTunnel = (type: string) => {
      tunnels.push(type);
      m.reverseTunnelsConnected.inc({ type });
    };
    for (let i = 0; i < 12; i++) addTunnel(pick(random, tunnelTypes));
    const [leaf] = proxy.remoteClusters.examples.cluster;
    const [root] = proxy.trustedClusters.examples.cluster;

    const stops = [
      every(150, () => rpc.tick()),
      every(300, () => {
        try {
          dial(`node-${Math.floor(random() * 40)}`);
        } catch {
          return; // counted as a failed attempt
        }
        const end = startSshSession(m);
        sessions.add(end);
        setTimeout(() => {
          sessions.delete(end);
          end();
        }, 1000 + random() * 9000).unref();
      }),
      every(1000, () => {
        if (random() < 0.1) m.failedLoginAttemptsTotal.inc();
        if (random() < 0.08) m.connectionLimitExceededTotal.inc();
      }),
      every(3000, () => {
        // A tunnel drops and usually reconnects.
        if (tunnels.length > 6 && random() < 0.3)
          m.reverseTunnelsConnected.dec({ type: tunnels.splice(Math.floor(random() * tunnels.length), 1)[0]! });
        if (tunnels.length < 16 && random() < 0.4) addTunnel(pick(random, tunnelTypes));
        m.missingSshTunnels.set(random() < 0.25 ? 1 + Math.floor(random() * 2) : 0);
        m.remoteClusters.set(random() < 0.05 ? 0 : 2, { cluster: leaf });
        m.trustedClusters.set(random() < 0.05 ? 0 : 1, { cluster: root });
      }),
      every(1000, () => heartbeat('proxy', true)),
    ];
    // A proxy knows its clusters as soon as it starts; set them before the first 3 s tick.
    m.remoteClusters.set(2, { cluster: leaf });
    m.trustedClusters.set(1, { cluster: root });
    heartbeat('proxy', true);
    return {
      async stop() {
        stops.forEach((s) => s());
        sessions.forEach((end) => end());
        sessions.clear();
        await rpc.stop();
      },
    };
  },
};
