import { countEmits, createAuditMetrics } from '@teleport-otel/audit';
import { every, type DemoDriver } from './types';

/** Audit log: emits events (about 1 in 50 fails) and samples disk usage, as AuditLog does. */
export const auditDemo: DemoDriver = {
  name: 'audit',
  start({ meterProvider, random }) {
    const m = createAuditMetrics({ meterProvider });
    const emit = countEmits(m, (fail: boolean) => {
      if (fail) throw new Error('simulated emit failure');
    });
    let used = 40 + random() * 20;
    const stops = [
      every(100, () => {
        try {
          emit(random() < 0.02);
        } catch {
          // counted by countEmits
        }
      }),
      every(1000, () => {
        used = Math.min(99, Math.max(1, used + (random() - 0.45)));
        m.percentageDiskSpaceUsed.set(Math.round(used));
        if (random() < 0.01) m.failedDiskMonitoring.inc();
      }),
    ];
    m.serverOpenFiles.add(3);
    return { stop: () => stops.forEach((s) => s()) };
  },
};
