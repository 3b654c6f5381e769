import { createBpfMetrics, lostEventsTracker } from '@teleport-otel/bpf';
import { every, type DemoDriver } from './types';

/**
 * Enhanced session recording: three kernel-side lost-event counters (BPF array maps) that grow now
 * and then when a ring buffer overflows, read on every doorbell as Teleport does.
 */
export const bpfDemo: DemoDriver = {
  name: 'bpf',
  start({ meterProvider, random }) {
    const m = createBpfMetrics({ meterProvider });
    // What the kernel maps would hold: cumulative, only ever growing.
    const kernel = { command: 0, disk: 0, network: 0 };
    const trackers = {
      command: lostEventsTracker(m.commandEvents),
      disk: lostEventsTracker(m.diskEvents),
      network: lostEventsTracker(m.networkEvents),
    };
    const stop = every(500, () => {
      // Disk events are the busiest stream, so they overflow most often; losses come in bursts.
      if (random() < 0.02) kernel.command += 1 + Math.floor(random() * 5);
      if (random() < 0.05) kernel.disk += 1 + Math.floor(random() * 40);
      if (random() < 0.03) kernel.network += 1 + Math.floor(random() * 10);
      for (const k of ['command', 'disk', 'network'] as const) trackers[k].update(kernel[k]);
      // An exec whose arguments were already evicted from the cache: one lost command event.
      if (random() < 0.005) m.commandEvents.inc();
    });
    return { stop };
  },
};
