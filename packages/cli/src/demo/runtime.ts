import { createRuntimeMetrics } from '@teleport-otel/runtime';
import { every, type DemoDriver } from './types';

/**
 * Runtime: process_*, v8js_* / nodejs_* and, as a Teleport dashboard expects, the go_* aliases.
 * Everything is read at scrape time; the workload only churns the heap so GC metrics move.
 */
export const runtimeDemo: DemoDriver = {
  name: 'runtime',
  start({ meterProvider, random }) {
    const runtime = createRuntimeMetrics({ meterProvider, goAliases: true });
    let retained: number[][] = [];
    const stopChurn = every(200, () => {
      // Short-lived garbage (minor GCs) plus a slowly replaced retained set (the odd major GC).
      for (let i = 0; i < 200; i++) retained.push(new Array<number>(64).fill(random()));
      if (retained.length > 20_000) retained = [];
    });
    return {
      stop: () => {
        stopChurn();
        runtime.stop();
      },
    };
  },
};
