import { parquetlog, postgresEvents } from '@teleport-otel/catalog';
import {
  createParquetlogMetrics,
  createPostgresEventsMetrics,
  postgresEventsRecorder,
  recordParquetBatch,
} from '@teleport-otel/audit';
import { createDiagMeterProvider, parseExposition } from '@teleport-otel/diag';
import { expectGroupExposed } from '../../../test-support/exposition';
import { collectMetrics, expectGroupExported, histAt, sdkPipeline, sumAt } from '../../../test-support/sdk';

describe('Parquet audit log consumer', () => {
  test('a run adds its events, observes size and duration, and sets the timestamp and oldest-message age', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createParquetlogMetrics({ meterProvider, profile: 'latest', constLabels: { external: 'true' } });
    recordParquetBatch(m, { events: 120, bytes: 50_000, oldestSentAtMs: 1_700_000_000_000 }, 42, 1_700_000_090_000);
    recordParquetBatch(m, { events: 30, bytes: 9_000 }, 61, 1_700_000_150_000);
    m.s3FlushSeconds.record(1.5);
    m.deleteEventsSeconds.record(0.2);
    m.errorsFromCollectCount.inc();
    const got = await collectMetrics(reader);
    expectGroupExported(parquetlog, got, { external: 'true' }, 'latest');
    const ext = { external: 'true' };
    expect(sumAt(got.get(parquetlog.batchCount.name), ext)).toBe(150);
    expect(histAt(got.get(parquetlog.batchSize.name), ext)).toMatchObject({ count: 2, sum: 59_000 });
    expect(histAt(got.get(parquetlog.batchProcessingSeconds.name), ext)).toMatchObject({ count: 2, sum: 103 });
    expect(sumAt(got.get(parquetlog.lastProcessedTimestamp.name), ext)).toBe(1_700_000_150);
    expect(sumAt(got.get(parquetlog.ageOldestProcessedMessage.name), ext)).toBe(90);
  });

  test('the batch-processing buckets are the default 60 s interval formula: 6, 12, 30, 45 s, then 54 to 120 s', () => {
    const b = parquetlog.batchProcessingSeconds.buckets;
    expect(b).toHaveLength(14);
    expect(b.slice(0, 4).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([6, 12, 30, 45]);
    expect(b[4]).toBeCloseTo(54, 9);
    expect(b[13]).toBeCloseTo(120, 9);
    for (let i = 5; i < 14; i++) expect(b[i]! / b[i - 1]!).toBeCloseTo(b[5]! / b[4]!, 12);
  });
});

describe('PostgreSQL audit events backend', () => {
  test('both status series start at 0; calls are timed and counted by status', async () => {
    const { meterProvider, reader } = sdkPipeline();
    const m = createPostgresEventsMetrics({ meterProvider, profile: 'latest' });
    let got = await collectMetrics(reader);
    for (const c of [postgresEvents.writeRequests, postgresEvents.batchReadRequests, postgresEvents.batchDeleteRequests])
      for (const status of ['success', 'failure']) expect(sumAt(got.get(c.name), { status })).toBe(0);
    const r = postgresEventsRecorder(m);
    r.write(() => 1);
    await r.write(async () => 2);
    expect(() =>
      r.write(() => {
        throw new Error('conflict');
      })
    ).toThrow();
    await expect(r.batchRead(() => Promise.reject(new Error('timeout')))).rejects.toThrow();
    r.batchDelete(() => 3);
    got = await collectMetrics(reader);
    expectGroupExported(postgresEvents, got, {}, 'latest');
    expect(sumAt(got.get(postgresEvents.writeRequests.name), { status: 'success' })).toBe(2);
    expect(sumAt(got.get(postgresEvents.writeRequests.name), { status: 'failure' })).toBe(1);
    expect(sumAt(got.get(postgresEvents.batchReadRequests.name), { status: 'failure' })).toBe(1);
    expect(histAt(got.get(postgresEvents.writeSeconds.name))?.count).toBe(3);
    expect(histAt(got.get(postgresEvents.batchDeleteSeconds.name))?.count).toBe(1);
  });
});

test('over @teleport-otel/diag both groups are exposed with the catalog TYPE, HELP, const label and buckets', async () => {
  const diag = createDiagMeterProvider({ profile: 'latest' });
  try {
    const p = createParquetlogMetrics({ meterProvider: diag.meterProvider });
    recordParquetBatch(p, { events: 1, bytes: 300, oldestSentAtMs: Date.now() - 1000 }, 50);
    p.s3FlushSeconds.record(1);
    p.deleteEventsSeconds.record(1);
    p.errorsFromCollectCount.inc();
    const pg = postgresEventsRecorder(createPostgresEventsMetrics({ meterProvider: diag.meterProvider }));
    pg.write(() => 1);
    pg.batchRead(() => 1);
    pg.batchDelete(() => 1);
    const families = parseExposition(await diag.render());
    expectGroupExposed(families, parquetlog, 'latest');
    expectGroupExposed(families, postgresEvents, 'latest');
  } finally {
    await diag.shutdown();
  }
});
