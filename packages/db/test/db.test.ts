import { db, proxyDb } from '@teleport-otel/catalog';
import { createDbMetrics, createProxyDbMetrics, dbEngineReporter, proxyDbConnection } from '@teleport-otel/db';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';
import { collectMetrics, expectGroupExported, histAt, sdkPipeline, sleep, sumAt } from '../../../test-support/sdk';
import { typeErrors } from '../../../test-support/typecheck';

const target = { protocol: 'postgres', type: 'rds' };

/** Drives every family of both groups once. */
async function driveAll(engine: ReturnType<typeof dbEngineReporter>, proxy: ReturnType<typeof proxyDbConnection>): Promise<void> {
  engine.initializeConnection();
  const ready = engine.connectionSetup();
  await engine.handleConnection(async () => {
    ready();
    engine.messageFromClient();
    const done = engine.methodCall('query');
    engine.messageFromServer();
    done();
  });
  engine.sendError();
  proxy.tlsConfig(() => 'tls');
  await proxy.dial(['a', 'b'], (s) => (s === 'a' ? Promise.reject(new Error('down')) : Promise.resolve(s)));
  proxy.open();
}

describe('Database Service engine and Proxy connections over a plain SDK MeterProvider', () => {
  test('an engine session counts connections, messages, method calls, errors and times them', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const engine = dbEngineReporter(createDbMetrics({ meterProvider, profile: 'latest' }), target);
    const proxy = proxyDbConnection(createProxyDbMetrics({ meterProvider, profile: 'latest' }), target);
    await driveAll(engine, proxy);
    await expect(engine.handleConnection(() => sleep(5).then(() => Promise.reject(new Error('closed'))))).rejects.toThrow(
      'closed'
    );
    const got = await collectMetrics(reader);
    expectGroupExported(db, got, {}, 'latest');
    expectGroupExported(proxyDb, got, {}, 'latest');
    const l = { component: 'db:service', db_protocol: 'postgres', db_type: 'rds' };
    expect(sumAt(got.get(db.activeConnections.name), l)).toBe(0);
    expect(histAt(got.get(db.connectionDurations.name), l)?.count).toBe(2);
    expect(sumAt(got.get(db.methodCallCount.name), { method: 'query', ...l })).toBe(1);
    const p = { available_db_servers: '2', component: 'db:proxy', db_protocol: 'postgres', db_type: 'rds' };
    expect(sumAt(got.get(proxyDb.connectionDialAttempts.name), p)).toBe(2);
    expect(sumAt(got.get(proxyDb.connectionDialFailures.name), p)).toBe(1);
    expect(histAt(got.get(proxyDb.attemptedServers.name), p)).toMatchObject({ count: 1, sum: 2 });
  });

  test('a Proxy connection with no server to dial fails, counts no attempt and labels an unknown target', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const proxy = proxyDbConnection(createProxyDbMetrics({ meterProvider, profile: 'latest' }));
    await expect(proxy.dial([], () => 1)).rejects.toThrow('teleport-otel: no Database Service instance to dial');
    const c = proxy.open();
    c.end();
    c.end();
    const got = await collectMetrics(reader);
    const unknown = { component: 'db:proxy', db_protocol: 'unknown', db_type: 'unknown' };
    expect(histAt(got.get(proxyDb.attemptedServers.name), { available_db_servers: '0', ...unknown })).toMatchObject({
      count: 1,
      sum: 0,
    });
    expect(got.get(proxyDb.connectionDialAttempts.name)).toBeUndefined();
    expect(sumAt(got.get(proxyDb.activeConnections.name), unknown)).toBe(0);
  });
});

test('over @teleport-otel/diag every family is exposed with the catalog TYPE, HELP and buckets', async () => {
  const diag = createDiagMeterProvider({ profile: 'latest' });
  try {
    await driveAll(
      dbEngineReporter(createDbMetrics({ meterProvider: diag.meterProvider }), target),
      proxyDbConnection(createProxyDbMetrics({ meterProvider: diag.meterProvider }), target)
    );
    const families = parseExposition(await diag.render());
    expectGroupExposed(families, db, 'latest');
    expectGroupExposed(families, proxyDb, 'latest');
  } finally {
    await diag.shutdown();
  }
});

function misuse(): void {
  const m = createDbMetrics();
  // @ts-expect-error db_type is required
  m.errors.inc({ component: 'db:service', db_protocol: 'mysql' });
}
void misuse;

test('label mistakes are compile errors', () => {
  expect(typeErrors([__filename])).toEqual([]);
}, 60_000);
