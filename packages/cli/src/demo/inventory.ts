import { authInventory } from '@teleport-otel/catalog';
import { countAccessRequest, createAuthInventoryMetrics, reportInventory, type InventoryInstance } from '@teleport-otel/auth';
import { every, pick, type DemoDriver } from './types';

/**
 * The Auth Service's view of its inventory: a fleet of instances (some enrolled in automatic
 * upgrades, installed in different ways) re-counted every 5 s as Teleport's updateAgentMetrics
 * does, roles, access requests, user certificates and logins per client tool.
 */
export const inventoryDemo: DemoDriver = {
  name: 'inventory',
  start({ meterProvider, random, profile }) {
    const m = createAuthInventoryMetrics({ meterProvider, profile });
    const methods = ['systemctl', 'helm_kube_agent', 'node_script', 'dockerfile'];
    const { os, version } = authInventory.registeredServers.examples;
    const fleet = (): InventoryInstance[] =>
      Array.from({ length: 20 + Math.floor(random() * 5) }, () => ({
        upgrader: random() < 0.6 ? pick(random, ['unit', 'kube']) : '',
        installMethods: pick(random, methods),
        os: pick(random, os),
        version: pick(random, version),
      }));
    reportInventory(m, fleet());
    m.rolesTotal.set(12);
    const stopInventory = every(5000, () => {
      reportInventory(m, fleet());
      m.rolesTotal.set(12 + Math.floor(random() * 3));
    });
    const stopActivity = every(700, () => {
      if (random() < 0.3) countAccessRequest(m, 1 + Math.floor(random() * 2), Math.floor(random() * 3));
      m.userCertificatesGenerated.inc({ private_key_policy: pick(random, ['none', 'none', 'hardware_key', 'web_session']) });
      if (random() < 0.5)
        m.userLoginPerClient.inc({
          user_agent_type: pick(random, ['tsh', 'tctl', 'web']),
          proxy_group_id: '',
          version: pick(random, ['18.1.0', '17.5.4']),
        });
    });
    return {
      stop() {
        stopInventory();
        stopActivity();
      },
    };
  },
};
