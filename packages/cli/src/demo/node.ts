import { createNodeMetrics, createSessionLimiter } from '@teleport-otel/node';
import { every, pick, type DemoDriver } from './types';

const USERS = ['alice', 'bob', 'carol', 'ci-bot'];

/** SSH Service: sessions per user under a max_connections of 3; a busy user now and then hits it. */
export const nodeDemo: DemoDriver = {
  name: 'node',
  start({ meterProvider, random }) {
    const limiter = createSessionLimiter(createNodeMetrics({ meterProvider }), 3);
    const open = new Set<() => void>();
    const stop = every(400, () => {
      // ci-bot opens sessions in bursts, so it is the one that hits the limit.
      const user = random() < 0.3 ? 'ci-bot' : pick(random, USERS);
      const release = limiter.tryAcquire(user);
      if (!release) return;
      open.add(release);
      setTimeout(() => {
        open.delete(release);
        release();
      }, 500 + random() * (user === 'ci-bot' ? 6000 : 2000)).unref();
    });
    return {
      stop() {
        stop();
        open.forEach((release) => release());
        open.clear();
      },
    };
  },
};
