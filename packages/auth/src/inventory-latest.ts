import { authInventory, type LabelsOf } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';

/** Current Teleport's Auth Service inventory, upgrade, role, access-request and login families. */
export type AuthInventoryMetrics = Instruments<typeof authInventory>;

export function createAuthInventoryMetrics(options?: InstrumentOptions): AuthInventoryMetrics {
  return createInstruments(authInventory, options);
}

/** What the inventory knows about one connected instance. */
export interface InventoryInstance {
  /** The external upgrader it advertises ('' or absent: none), e.g. 'unit' or 'kube'. */
  readonly upgrader?: string;
  /** Its install method label value, from the agent's metadata (absent: not reported). */
  readonly installMethods?: string;
  /** Its operating system, from the agent's metadata (absent: '', as Teleport reports an unset field). */
  readonly os?: string;
  /** The Teleport version it announced in its hello (absent: ''). */
  readonly version?: string;
}

type RegisteredServerLabels = LabelsOf<typeof authInventory.registeredServers>;

/**
 * Sets the inventory gauges from one pass over the connected instances, as Teleport's
 * updateAgentMetrics does: teleport_total_instances = the number of instances,
 * teleport_enrolled_in_upgrades = those advertising an upgrader, teleport_registered_servers one
 * series per distinct (os, version, automatic_updates) with automatic_updates "true" for an
 * instance advertising an upgrader (RegisteredAgentsCount in Teleport's lib/auth/periodic.go), and
 * teleport_registered_servers_by_install_methods per install method value. The two labelled
 * gauges are Reset, then Set, so a label set no instance reports any more disappears (reads 0 over
 * a plain OpenTelemetry meter).
 */
export function reportInventory(m: AuthInventoryMetrics, instances: Iterable<InventoryInstance>): void {
  let total = 0;
  let enrolled = 0;
  const byMethod = new Map<string, number>();
  // Keyed by the label values joined with NUL, which no label value contains.
  const byAgent = new Map<string, { labels: RegisteredServerLabels; n: number }>();
  for (const i of instances) {
    total++;
    if (i.upgrader) enrolled++;
    if (i.installMethods !== undefined) byMethod.set(i.installMethods, (byMethod.get(i.installMethods) ?? 0) + 1);
    const labels: RegisteredServerLabels = {
      os: i.os ?? '',
      version: i.version ?? '',
      automatic_updates: i.upgrader ? 'true' : 'false',
    };
    const key = `${labels.os}\0${labels.version}\0${labels.automatic_updates}`;
    const agent = byAgent.get(key);
    if (agent) agent.n++;
    else byAgent.set(key, { labels, n: 1 });
  }
  m.totalInstances.set(total);
  m.enrolledInUpgrades.set(enrolled);
  m.registeredServers.reset();
  for (const { labels, n } of byAgent.values()) m.registeredServers.set(n, labels);
  m.registeredServersByInstallMethods.reset();
  for (const [installMethods, n] of byMethod) m.registeredServersByInstallMethods.set(n, { install_methods: installMethods });
}

/**
 * Counts one created access request in teleport_access_requests_created, labeled with how many
 * roles and how many resources it asks for (the label values are those counts).
 */
export function countAccessRequest(m: AuthInventoryMetrics, roles: number, resources: number): void {
  m.accessRequestsCreated.inc({ roles: String(roles), resources: String(resources) });
}
