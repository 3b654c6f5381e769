import { countBytes, createInstanceMetrics, interactiveSession } from '@teleport-otel/instance';
import * as net from 'node:net';
import { every, type DemoDriver } from './types';

const MAX_SESSIONS = 4;

/**
 * Every-instance metrics. SSH-like sessions run over a REAL loopback TCP connection: the client
 * types a few bytes at a time, the server echoes them and prints bursts of terminal output; rx/tx
 * come from the server socket's byte counts when the connection closes, as in Teleport.
 */
export const instanceDemo: DemoDriver = {
  name: 'instance',
  start({ meterProvider, random }) {
    const m = createInstanceMetrics({ meterProvider });
    const sockets = new Set<net.Socket>();
    const track = (s: net.Socket) => {
      s.unref();
      sockets.add(s);
      s.on('close', () => sockets.delete(s)).on('error', () => s.destroy());
    };

    // The "SSH server": counts each connection's bytes and holds an interactive session open.
    const server = net.createServer((s) => {
      track(s);
      countBytes(m, s);
      const end = interactiveSession(m);
      s.on('close', end);
      s.on('data', (keys: Buffer) => {
        s.write(keys); // echo
        if (random() < 0.3) s.write(Buffer.alloc(100 + Math.floor(random() * 4000), 0x41)); // command output
      });
    });
    server.unref();
    let port = 0;
    server.listen(0, '127.0.0.1', () => (port = (server.address() as net.AddressInfo).port));

    // The "SSH client": a quick command (under 1.5 s) or an interactive shell of 2-15 s of keystrokes.
    const openSession = () => {
      if (port === 0 || sockets.size >= 2 * MAX_SESSIONS) return;
      const client = net.connect(port, '127.0.0.1');
      track(client);
      client.resume(); // read and discard the output
      const typing = setInterval(() => client.write(Buffer.alloc(1 + Math.floor(random() * 8), 0x61)), 100);
      typing.unref();
      setTimeout(
        () => {
          clearInterval(typing);
          client.end();
        },
        random() < 0.4 ? 300 + random() * 1200 : 2000 + random() * 13000
      ).unref(); // a command, or a shell
      client.on('close', () => clearInterval(typing));
    };

    // Two proxies known to the reverse tunnel agent; one drops now and then and comes back.
    m.reversetunnelConnectedProxies.add(2);
    let proxyDown = false;

    const stops = [
      every(1500, () => {
        if (random() < 0.6) openSession();
      }),
      every(5000, () => {
        // A login with a certificate signed by an unknown CA is refused now and then.
        if (random() < 0.15) m.certificateMismatchTotal.inc();
        if (!proxyDown && random() < 0.05) {
          proxyDown = true;
          m.reversetunnelConnectedProxies.dec();
        } else if (proxyDown && random() < 0.5) {
          proxyDown = false;
          m.reversetunnelConnectedProxies.inc();
        }
      }),
    ];
    return {
      stop: () =>
        new Promise<void>((resolve) => {
          stops.forEach((s) => s());
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    };
  },
};
