import { createDbMetrics, createProxyDbMetrics, dbEngineReporter, proxyDbConnection } from '@teleport-otel/db';
import { every, pick, type DemoDriver } from './types';

const ignore = (): void => undefined;
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/**
 * Database access: clients connecting through the Proxy (which dials one of the Database Service
 * instances, sometimes after a failed one) to PostgreSQL and MySQL databases, exchanging messages
 * and queries for a few seconds.
 */
export const dbDemo: DemoDriver = {
  name: 'db',
  start({ meterProvider, random, profile }) {
    const dbm = createDbMetrics({ meterProvider, profile });
    const proxym = createProxyDbMetrics({ meterProvider, profile });
    const targets = [
      { protocol: 'postgres', type: 'rds' },
      { protocol: 'postgres', type: 'self-hosted' },
      { protocol: 'mysql', type: 'rds' },
    ];
    let stopped = false;
    const session = async (): Promise<void> => {
      const target = pick(random, targets);
      const proxy = proxyDbConnection(proxym, target);
      await proxy.tlsConfig(() => wait(1 + random() * 5));
      const servers = ['db-1', 'db-2', 'db-3'].slice(0, 1 + Math.floor(random() * 3));
      await proxy.dial(servers, (s) =>
        random() < 0.1 && s !== servers[servers.length - 1]
          ? Promise.reject(new Error('simulated dial failure'))
          : wait(2 + random() * 10)
      );
      const conn = proxy.open();
      const engine = dbEngineReporter(dbm, target);
      engine.initializeConnection();
      const ready = engine.connectionSetup();
      await engine.handleConnection(async () => {
        await wait(5 + random() * 20);
        ready();
        for (let i = 1 + Math.floor(random() * 8); i > 0 && !stopped; i--) {
          engine.messageFromClient();
          const done = engine.methodCall(pick(random, ['query', 'query', 'exec', 'prepare']));
          await wait(random() * 30);
          done();
          engine.messageFromServer();
          await wait(100 + random() * 400);
        }
        if (random() < 0.05) engine.sendError();
      });
      conn.end();
    };
    const stop = every(800, () => void session().catch(ignore));
    return {
      stop() {
        stopped = true;
        stop();
      },
    };
  },
};
