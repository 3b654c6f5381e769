import { diag as otelDiag } from '@opentelemetry/api';
import cluster from 'node:cluster';
import { isMainThread } from 'node:worker_threads';
import type { AggregateOptions } from './primary';

let warnedSharedPort = false;

/**
 * startDiag's placement rules. `aggregate` belongs where the workers are started from: in a
 * cluster worker or a worker thread it is a configuration error. A plain diag endpoint in a
 * cluster worker shares its port with every other worker (cluster hands each connection to one
 * of them), so successive scrapes would see different processes' counters: said once.
 */
export function checkPlacement(addr: string, aggregateOption: boolean | AggregateOptions | undefined): void {
  const aggregate = Boolean(aggregateOption);
  if (typeof aggregateOption === 'object') checkAggregateOptions(aggregateOption);
  const where = !isMainThread ? 'a worker thread' : cluster.isWorker ? 'a cluster worker' : undefined;
  if (aggregate && where)
    throw new Error(
      `teleport-otel: startDiag({ aggregate: true }) in ${where}: aggregate in the primary process or main thread, and call joinDiag() here`
    );
  if (!aggregate && cluster.isWorker && !warnedSharedPort) {
    warnedSharedPort = true;
    otelDiag.warn(
      `teleport-otel: startDiag on ${addr} in a cluster worker: the workers share that port and each scrape reaches one of them, so counters would jump between processes; use startDiag({ aggregate: true }) in the primary and joinDiag() in the workers`
    );
  }
}

/** Checked before anything listens, so a bad value leaves nothing running. */
export function checkAggregateOptions(options: AggregateOptions): void {
  const t = options.collectTimeoutMs;
  if (t !== undefined && (!Number.isFinite(t) || t <= 0))
    throw new Error(`teleport-otel: aggregate.collectTimeoutMs must be a positive number of ms, got ${String(t)}`);
  if (options.channel !== undefined && (typeof options.channel !== 'string' || options.channel === ''))
    throw new Error(`teleport-otel: aggregate.channel must be a non-empty string, got ${JSON.stringify(options.channel)}`);
}
