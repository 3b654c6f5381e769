import { metric } from '../define';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'instance',
  group: 'instanceServices',
  component: 'Teleport',
  section: 'All Teleport instances',
  origin: 'teleport',
  description: '',
  profiles: ['latest'],
} as const;

/** instance: which services a Teleport process runs, and its Auth API circuit breaker. */
export const instanceServices = {
  services: metric({
    ...base,
    name: 'teleport_services',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{service}',
    help: 'Teleport services currently enabled and running',
    labels: ['service_name'],
    examples: {
      service_name: [
        'discovery_service',
        'ssh_service',
        'auth_service',
        'proxy_service',
        'kubernetes_service',
        'application_service',
        'database_service',
        'windows_desktop_service',
        'okta_service',
        'jamf_service',
      ],
    },
    source: LATEST_SOURCES.supervisor,
    notes: [
      'LocalSupervisor.serve: +1 when a monitored service starts serving, -1 when it returns. Only the services of metricsServicesRunningMap are monitored (discovery.init -> discovery_service, ssh.node -> ssh_service, auth.tls -> auth_service, proxy.web -> proxy_service, kube.init -> kubernetes_service, apps.start -> application_service, db.init -> database_service, windows_desktop.init -> windows_desktop_service, okta.init -> okta_service, jamf.init -> jamf_service).',
      `Name = 'teleport_' + MetricTeleportServices ('services'), label TagServiceName ('service_name'): ${LATEST_SOURCES.metricConstants}.`,
    ],
  }),
  breakerConnectorExecutions: metric({
    ...base,
    name: 'teleport_breaker_connector_executions_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Client requests per system role, state of the breaker and success as interpreted by the breaker.',
    labels: ['role', 'state', 'success'],
    values: { success: ['true', 'false'] },
    examples: { role: ['Instance', 'Node', 'Proxy'], state: ['standby', 'tripped', 'recovering'] },
    source: LATEST_SOURCES.docs,
    notes: [
      "KNOWN FROM TELEPORT'S DOCS TABLE (which names it and its labels role, state, success). HELP text and label order are from a package breaker source file (InstrumentBreakerForConnector) seen in the index, whose path and commit were not named; state values are api/breaker's State names as strings (not verified against that file).",
    ],
  }),
} as const;
