import { createKubeMetrics, startKubeClientRequest, startKubeSession, type KubeSession } from '@teleport-otel/kube';
import { every, pick, type DemoDriver } from './types';

/**
 * Kubernetes access: the Proxy forwarding kubectl API calls to a Kubernetes Service, which calls
 * the cluster (the client side, with dial/TLS/first-byte timings), the server side answering them,
 * and exec / port-forward sessions that stay open for a while.
 */
export const kubeDemo: DemoDriver = {
  name: 'kube',
  start({ meterProvider, random, profile }) {
    const m = createKubeMetrics({ meterProvider, profile });
    const sessions: { ends: number; s: KubeSession }[] = [];
    const stop = every(300, () => {
      const now = Date.now();
      for (let i = sessions.length - 1; i >= 0; i--) if (sessions[i]!.ends <= now) sessions.splice(i, 1)[0]!.s.end();
      for (const component of ['proxy:kube', 'kube_service']) {
        const method = pick(random, ['GET', 'GET', 'GET', 'POST', 'PATCH', 'DELETE']);
        const status = random() < 0.05 ? pick(random, [403, 404, 500]) : method === 'POST' ? 201 : 200;
        const c = startKubeClientRequest(m, component, method);
        c.gotConn();
        if (random() < 0.2) {
          c.tlsHandshakeStart();
          c.tlsHandshakeDone();
        }
        const ms = 2 + random() * 40;
        setTimeout(() => {
          c.firstResponseByte();
          c.done(status);
        }, ms).unref();
        const labels = { component };
        m.serverInFlightRequests.inc(labels);
        setTimeout(() => {
          m.serverInFlightRequests.dec(labels);
          m.serverApiRequestsTotal.inc({ component, code: String(status), method: method.toLowerCase() });
          m.serverRequestDurationSeconds.record((ms + 1) / 1000, { component, method: method.toLowerCase() });
          m.serverResponseSizeBytes.record(Math.floor(200 + random() * 50_000), labels);
        }, ms + 1).unref();
        if (random() < 0.05)
          sessions.push({
            ends: now + 2000 + random() * 8000,
            s: startKubeSession(m, component, random() < 0.7 ? 'exec' : 'portforward'),
          });
      }
    });
    return {
      stop() {
        stop();
        for (const s of sessions) s.s.end();
      },
    };
  },
};
