import {
  createParquetlogMetrics,
  createPostgresEventsMetrics,
  postgresEventsRecorder,
  recordParquetBatch,
} from '@teleport-otel/audit';
import { every, type DemoDriver } from './types';

/**
 * The newer audit storage: the Athena log's Parquet consumer finishing a batch every few seconds
 * (a real Teleport batches every minute), and a PostgreSQL events backend writing, searching and
 * cleaning up events.
 */
export const auditLatestDemo: DemoDriver = {
  name: 'audit-latest',
  start({ meterProvider, random, profile }) {
    const parquet = createParquetlogMetrics({ meterProvider, profile });
    const pg = postgresEventsRecorder(createPostgresEventsMetrics({ meterProvider, profile }));
    const stopParquet = every(3000, () => {
      const events = 50 + Math.floor(random() * 500);
      recordParquetBatch(
        parquet,
        { events, bytes: events * (400 + random() * 800), oldestSentAtMs: Date.now() - (55 + random() * 10) * 1000 },
        40 + random() * 40
      );
      parquet.s3FlushSeconds.record(0.2 + random() * 2);
      parquet.deleteEventsSeconds.record(0.01 + random() * 0.2);
      if (random() < 0.1) parquet.errorsFromCollectCount.inc();
    });
    const stopPg = every(400, () => {
      const fails = random() < 0.03;
      try {
        pg.write(() => {
          if (fails) throw new Error('simulated insert failure');
        });
      } catch {
        // counted as status="failure"
      }
      if (random() < 0.3) pg.batchRead(() => undefined);
      if (random() < 0.05) pg.batchDelete(() => undefined);
    });
    return {
      stop() {
        stopParquet();
        stopPg();
      },
    };
  },
};
