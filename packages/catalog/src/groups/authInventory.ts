import { metric } from '../define';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'auth',
  group: 'authInventory',
  component: 'Teleport Auth',
  section: 'Auth Service and backends',
  origin: 'teleport',
  description: '',
  profiles: ['latest'],
  source: LATEST_SOURCES.auth,
} as const;

const NAME_NOTE = `Name = namespace 'teleport' + the constant of ${LATEST_SOURCES.metricConstants}.`;
const PERIODIC_NOTE =
  'Set by Server.updateAgentMetrics from the inventory of connected instances (one pass over every inventory handle): the gauges are Reset, then Set per label set, so label sets that disappeared are removed.';

/** auth: current Teleport's inventory, upgrade, role, access-request and login families. */
export const authInventory = {
  totalInstances: metric({
    ...base,
    name: 'teleport_total_instances',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{instance}',
    help: 'Total teleport instances',
    labels: [],
    notes: [
      PERIODIC_NOTE,
      'This project: @teleport-otel/auth reportInventory sets it to the number of instances given.',
      NAME_NOTE,
    ],
  }),
  enrolledInUpgrades: metric({
    ...base,
    name: 'teleport_enrolled_in_upgrades',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{instance}',
    help: 'Number of instances enrolled in automatic upgrades',
    labels: [],
    notes: [
      PERIODIC_NOTE,
      'Counts the instances that advertise an external upgrader. The "Key Metrics" guide compares it with teleport_total_instances.',
      NAME_NOTE,
    ],
  }),
  registeredServers: metric({
    ...base,
    name: 'teleport_registered_servers',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{server}',
    help: 'The number of Teleport services that are connected to an auth server.',
    labels: ['os', 'version', 'automatic_updates'],
    values: { automatic_updates: ['true', 'false'] },
    examples: { os: ['linux', 'darwin', 'windows'], version: ['18.1.0', '17.5.4'] },
    notes: [
      PERIODIC_NOTE,
      `Current Teleport's form of the page's teleport_registered_servers: labels teleport.TagOS, TagVersion, TagAutomaticUpdates in that order, one series per distinct (os, version, automatic_updates) over the connected instances (RegisteredAgentsCount in ${LATEST_SOURCES.authPeriodic}). os is the agent metadata's OS, version its hello's version, automatic_updates "true" when it advertises an external upgrader, else "false". sum by (version) reads as on the 12.x page.`,
      `Label names: 'version' and 'automatic_updates' are the values of TagVersion and TagAutomaticUpdates in ${LATEST_SOURCES.metricConstants}; no stored metrics.go defines TagOS, so 'os' is the constant's name lower-cased, not read.`,
      NAME_NOTE,
    ],
  }),
  registeredServersByInstallMethods: metric({
    ...base,
    name: 'teleport_registered_servers_by_install_methods',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{instance}',
    help: 'The number of Teleport services that are connected to an auth server by install method.',
    labels: ['install_methods'],
    examples: { install_methods: ['systemctl', 'dockerfile', 'helm_kube_agent', 'node_script', 'awsoidc_deployservice'] },
    notes: [
      PERIODIC_NOTE,
      "install_methods comes from the agent's UpstreamInventoryAgentMetadata (sourced in lib/inventory/metadata fetchInstallMethods, per the TagInstallMethods comment); label values are counted per distinct value.",
      NAME_NOTE,
    ],
  }),
  rolesTotal: metric({
    ...base,
    name: 'teleport_roles_total',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{role}',
    help: 'Number of roles that exist in the cluster',
    labels: [],
    notes: [
      'Name written in auth.go (Namespace teleport, Name roles_total). Added in 16.4 (CHANGELOG: "Added a new teleport_roles_total metric").',
    ],
  }),
  accessRequestsCreated: metric({
    ...base,
    name: 'teleport_access_requests_created',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Tracks the number of created access requests',
    labels: ['roles', 'resources'],
    examples: { roles: ['0', '1', '2'], resources: ['0', '1', '3'] },
    notes: [
      'roles and resources are the NUMBER of roles and of resources requested (label values are counts written as decimal strings). No _total suffix.',
      NAME_NOTE,
    ],
  }),
  userCertificatesGenerated: metric({
    ...base,
    name: 'teleport_user_certificates_generated',
    type: 'counter',
    instrument: 'counter',
    unit: '{certificate}',
    help: 'Tracks the number of user certificates generated',
    labels: ['private_key_policy'],
    examples: { private_key_policy: ['none', 'hardware_key', 'hardware_key_touch', 'web_session'] },
    notes: ['private_key_policy = the private key policy the certificates were issued under. No _total suffix.', NAME_NOTE],
  }),
  userLoginPerClient: metric({
    ...base,
    name: 'teleport_user_login_per_client',
    type: 'counter',
    instrument: 'counter',
    unit: '{login}',
    help: 'The number of successful user authentications by client tool (tsh, tctl, etc.), client tool version, and proxy that handled the request. The metric is reset hourly. ',
    labels: ['user_agent_type', 'proxy_group_id', 'version'],
    examples: { user_agent_type: ['tsh', 'tctl', 'web', 'api'], proxy_group_id: ['', 'group-a'], version: ['18.1.0', '17.5.4'] },
    notes: [
      "Label names are auth.go's file constants tagUserAgentType, tagProxyGroupID, tagVersion. The HELP text ends with a space, as written. Teleport resets the whole family every hour.",
    ],
  }),
} as const;
