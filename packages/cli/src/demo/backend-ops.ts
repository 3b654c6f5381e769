import {
  awsSdkRecorder,
  createBackendMetrics,
  backendOpsReporter,
  countEtcdEvent,
  createAwsSdkMetrics,
  createBackendOpsMetrics,
  createEtcdEventMetrics,
} from '@teleport-otel/backends';
import type { AtomicAction, BackendErrorKind } from '@teleport-otel/backends';
import { every, pick, type DemoDriver } from './types';

const fail = (kind: BackendErrorKind): Error => Object.assign(new Error(`simulated ${kind}`), { kind });
const ignore = (): void => undefined;

/**
 * Current Teleport's backend detail (atomic writes, items, preconditions, streams), its AWS SDK
 * calls and the etcd watcher's event counters. Writes sometimes fail on a precondition (a Create
 * racing another auth server, a CompareAndSwap that lost), now and then on something else.
 */
export const backendOpsDemo: DemoDriver = {
  name: 'backend-ops',
  start({ meterProvider, random, profile }) {
    const ops = createBackendOpsMetrics({ meterProvider, profile });
    // The page-era write counters count these writes too, as Teleport's Reporter does, so the
    // precondition counter stays a part of backend_write_requests_failed_total.
    const page = createBackendMetrics({ meterProvider, profile });
    const writeCounters = { requests: page.writeRequestsTotal, failed: page.writeRequestsFailedTotal };
    const reporters = {
      backend: backendOpsReporter(ops, 'backend', { writeCounters }),
      cache: backendOpsReporter(ops, 'cache', { writeCounters }),
    };
    const aws = awsSdkRecorder(createAwsSdkMetrics({ meterProvider, profile }));
    const etcd = createEtcdEventMetrics({ meterProvider, profile });
    const stop = every(250, () => {
      const r = random() < 0.8 ? reporters.backend : reporters.cache;
      const op = pick(random, ['create', 'put', 'update', 'compareAndSwap', 'delete', 'keepAlive'] as const);
      const outcome = random();
      try {
        r.write(op, () => {
          if (outcome < 0.06)
            throw fail(op === 'create' ? 'alreadyExists' : op === 'compareAndSwap' ? 'compareFailed' : 'notFound');
          if (outcome < 0.08) throw fail('other');
        });
      } catch {
        // the failure is what is being counted
      }
      const actions: AtomicAction[] = [
        'condition',
        ...Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random, ['put', 'delete'] as const)),
      ];
      const conflict = random() < 0.05;
      try {
        r.atomicWrite(actions, () => {
          if (conflict) throw fail('conditionFailed');
        });
      } catch {
        r.contention();
      }
      r.read(() => undefined);
      r.readRange(() => Array.from({ length: Math.floor(random() * 20) }, (_, i) => i));
      try {
        r.stream(() => {
          if (random() < 0.03) throw new Error('simulated stream reset');
        });
      } catch {
        // counted in teleport_backend_stream_requests_failed
      }
      const [service, operation] = pick(random, [
        ['DynamoDB', 'GetItem'],
        ['DynamoDB', 'PutItem'],
        ['DynamoDB', 'Query'],
        ['S3', 'PutObject'],
        ['STS', 'GetCallerIdentity'],
      ] as const);
      aws
        .call(
          service,
          operation,
          () =>
            new Promise<void>((res, rej) =>
              setTimeout(() => (random() < 0.03 ? rej(new Error('throttled')) : res()), random() * 20).unref()
            )
        )
        .catch(ignore);
      for (let i = Math.floor(random() * 4); i > 0; i--) countEtcdEvent(etcd, random() > 0.02);
    });
    return { stop };
  },
};
