import type { BackendMetrics } from './backend';

/**
 * A backend watcher's life, as Teleport's ReporterWatcher reports it: backend_watchers_total{component}
 * +1 now and -1 on stop (safe to call twice). Teleport 12+ code only: a no-op under the `doc` profile.
 */
export function trackBackendWatcher(metrics: BackendMetrics, component: string): { stop(): void } {
  const gauge = metrics.watchersTotal.bind({ component });
  gauge.inc();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      gauge.dec();
    },
  };
}

/**
 * Reports the length of a watcher's event queue, as Teleport's event fan-out sets
 * backend_watcher_queues_total{component} before handing each event to the watcher. A cache's
 * component is its name joined with 'cache' by ':' ('auth:cache' is what `tctl top` reads).
 */
export function reportWatcherQueue(metrics: BackendMetrics, component: string, length: number): void {
  metrics.watcherQueuesTotal.set(length, { component });
}
