import { diag as otelDiag } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { attachRegistry, Registry, type RegistryOptions } from '@teleport-otel/core';
import { randomUUID } from 'node:crypto';
import cluster from 'node:cluster';
import { isMainThread, threadId } from 'node:worker_threads';
import { withInstanceId } from '../instance-id';
import type { DiagSdkMeterProvider } from '../provider';
import { RegistryDeltas } from './deltas';
import { clusterWorkerLink, threadWorkerLink, type WorkerLink } from './links';
import { DEFAULT_CHANNEL, TAG, type Message } from './protocol';

export interface JoinOptions extends RegistryOptions {
  /** How long to wait for the aggregating primary to answer, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Worker threads: the BroadcastChannel name given to the primary's startDiag({ aggregate: { channel } }). */
  channel?: string;
}

export interface JoinedDiag {
  /** A diag MeterProvider (Registry attached): packages given it record through the fast path. */
  readonly meterProvider: DiagSdkMeterProvider;
  readonly registry: Registry;
  /** Ships what is left to the primary (and waits for it to acknowledge), then leaves. Recording afterwards stays local. */
  close(): Promise<void>;
}

export const DEFAULT_JOIN_TIMEOUT_MS = 10_000;
const HELLO_EVERY_MS = 200;

/**
 * Joins the aggregating primary (`startDiag({ aggregate: true })`) from a cluster worker or a
 * worker thread: resolves, once the primary has answered, to a MeterProvider whose recordings the
 * primary serves, summed with its own and every other worker's. No port is opened here. The
 * primary asks for what changed at each scrape; the final state is sent by close(), and by a
 * worker thread's exit.
 */
export async function joinDiag(options: JoinOptions = {}): Promise<JoinedDiag> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new Error(`teleport-otel: joinDiag timeoutMs must be a positive number of ms, got ${String(timeoutMs)}`);
  const inThread = !isMainThread;
  if (!inThread && !(cluster.isWorker && typeof process.send === 'function'))
    throw new Error(
      'teleport-otel: joinDiag() runs in a cluster worker or a worker thread; in the primary process or main thread use startDiag({ aggregate: true })'
    );
  const registry = new Registry(options);
  const meterProvider: DiagSdkMeterProvider = attachRegistry(new MeterProvider({ resource: withInstanceId() }), registry);
  const id = randomUUID();
  const label = inThread ? `thread-${threadId}` : `cluster-${cluster.worker!.id}`;

  let welcomed: (() => void) | undefined;
  let acked: (() => void) | undefined;
  let link: WorkerLink | undefined;
  let deltas: RegistryDeltas | undefined;
  const onMessage = (m: Message): void => {
    if (m.t === 'welcome' && m.id === id) welcomed?.();
    else if (m.t === 'bye-ack' && m.id === id) acked?.();
    else if (m.t === 'collect' && !welcomed && deltas) {
      link!.send({ tag: TAG, t: 'state', id, seq: m.seq, families: deltas.next() });
    }
  };
  link = inThread ? threadWorkerLink(options.channel ?? DEFAULT_CHANNEL, id, onMessage) : clusterWorkerLink(onMessage);
  const hello: Message = { tag: TAG, t: 'hello', id, label, pid: process.pid, ...(inThread ? { thread: threadId } : {}) };

  // Hello until welcomed: the primary may start (or attach its listeners) after this worker.
  await new Promise<void>((resolve, reject) => {
    const again = setInterval(() => link!.send(hello), HELLO_EVERY_MS);
    const timer = setTimeout(() => {
      clearInterval(again);
      link!.close();
      reject(
        new Error(
          `teleport-otel: joinDiag: no aggregating primary answered within ${timeoutMs} ms; start the primary with startDiag({ aggregate: true })`
        )
      );
    }, timeoutMs);
    welcomed = () => {
      clearInterval(again);
      clearTimeout(timer);
      welcomed = undefined;
      resolve();
    };
    link!.send(hello);
  });
  deltas = new RegistryDeltas(registry, link.json);

  // A worker thread's last words: posting on a channel is synchronous, so this reaches the primary
  // even as the thread ends (process.exit() or running out of work; not worker.terminate()).
  const finalState = (): void => link!.send({ tag: TAG, t: 'bye', id, families: deltas!.next() });
  if (inThread) process.once('exit', finalState);

  let closing: Promise<void> | undefined;
  return {
    meterProvider,
    registry,
    close() {
      return (closing ??= new Promise<void>((resolve) => {
        process.off('exit', finalState);
        const timer = setTimeout(() => {
          otelDiag.warn(
            `teleport-otel: joinDiag close(): the primary did not acknowledge the final state within ${timeoutMs} ms`
          );
          done();
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          acked = undefined;
          link!.close();
          resolve();
        };
        acked = done;
        finalState();
      }));
    },
  };
}
