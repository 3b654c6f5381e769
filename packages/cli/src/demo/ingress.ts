import { createIngressMetrics, ingressReporter, type TrackedConnection } from '@teleport-otel/proxy';
import { every, pick, type DemoDriver } from './types';

/**
 * Connections arriving at a Proxy's listeners: most through the multiplexed (ALPN) listener,
 * some direct; about half present a client certificate. Each lives a few seconds.
 */
export const ingressDemo: DemoDriver = {
  name: 'ingress',
  start({ meterProvider, random, profile }) {
    const alpn = { localAddress: '10.0.0.5', localPort: 443 };
    const reporter = ingressReporter(createIngressMetrics({ meterProvider, profile }), '10.0.0.5:443');
    const open: { ends: number; conns: TrackedConnection[] }[] = [];
    const stop = every(300, () => {
      const now = Date.now();
      for (let i = open.length - 1; i >= 0; i--) if (open[i]!.ends <= now) open.splice(i, 1)[0]!.conns.forEach((c) => c.closed());
      const service = pick(random, ['web', 'web', 'ssh', 'kube', 'tunnel', 'postgres']);
      const local = random() < 0.8 ? alpn : { localAddress: '10.0.0.5', localPort: pick(random, [3080, 3023, 3026, 3024]) };
      const conns = [reporter.connectionAccepted(service, local)];
      if (random() < 0.5) conns.push(reporter.connectionAuthenticated(service, local));
      open.push({ ends: now + 1000 + random() * 5000, conns });
    });
    return {
      stop() {
        stop();
        for (const o of open) o.conns.forEach((c) => c.closed());
      },
    };
  },
};
