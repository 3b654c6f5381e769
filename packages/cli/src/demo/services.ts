import { createInstanceServicesMetrics, serviceRunning } from '@teleport-otel/instance';
import { every, pick, type DemoDriver } from './types';

/**
 * A process running the Auth, Proxy and SSH services (teleport_services), and the requests its
 * agents send the Auth API through their circuit breaker, nearly always healthy.
 */
export const servicesDemo: DemoDriver = {
  name: 'services',
  start({ meterProvider, random, profile }) {
    const m = createInstanceServicesMetrics({ meterProvider, profile });
    const running = ['auth_service', 'proxy_service', 'ssh_service'].map((s) => serviceRunning(m, s));
    const stop = every(500, () => {
      const tripped = random() < 0.01;
      m.breakerConnectorExecutions.inc({
        role: pick(random, ['Instance', 'Instance', 'Instance', 'Node']),
        state: tripped ? 'tripped' : 'standby',
        success: tripped || random() < 0.02 ? 'false' : 'true',
      });
    });
    return {
      stop() {
        stop();
        running.forEach((end) => end());
      },
    };
  },
};
