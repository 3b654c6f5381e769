import { metric } from '../define';

/** What every entry of this group shares. */
const base = {
  package: 'instance',
  group: 'instance',
  component: 'Teleport',
  section: 'All Teleport instances',
  origin: 'doc',
} as const;

/** instance: instance rows. */
export const instance = {
  certificateMismatchTotal: metric({
    ...base,
    name: 'certificate_mismatch_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{failure}',
    help: 'Number of times there was a certificate mismatch',
    description: 'Number of SSH server login failures due to a certificate mismatch.',
    labels: [],
    notes: ['Incremented in AuthHandlers.UserKeyAuth when certChecker.Authenticate fails.'],
  }),
  reversetunnelConnectedProxies: metric({
    ...base,
    name: 'reversetunnel_connected_proxies',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{tunnel}',
    help: 'Number of known proxies being sought.',
    description: 'Number of known proxies being sought.',
    labels: [],
    teleport: { name: null, type: null },
    profiles: ['doc'],
    notes: [
      "DISCREPANCY/STALE DOC ROW: no definition exists in the doc-era code. It was a plain Gauge added by commit 2df2561 (2019-09-24, #2992, Inc/Dec around GroupHandle.WithProxy) and removed with the seek package by commit 4e9eed9 (2020-04-07, 'cache event fanout & reversetunnel improvements'). Not present in newer stored Teleport sources either.",
    ],
  }),
  rx: metric({
    ...base,
    name: 'rx',
    type: 'counter',
    instrument: 'counter',
    unit: 'By',
    help: 'Number of bytes received.',
    description: 'Number of bytes received during an SSH connection.',
    labels: [],
    notes: [
      "Bare name, no namespace, no _total suffix. Added in ServerContext.reportStats when an SSH server context closes: rxBytes from the tracking conn's Stat(). Skipped on the Proxy component and on Nodes when session recording is at the proxy. Doc says 'during an SSH connection'.",
      "This project: @teleport-otel/instance's countBytes adds a net.Socket's bytesRead when it closes (flush() publishes earlier); other Duplex streams are counted per chunk.",
    ],
  }),
  serverInteractiveSessionsTotal: metric({
    ...base,
    name: 'server_interactive_sessions_total',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{session}',
    help: 'Number of active sessions to this host',
    description: 'Number of active sessions.',
    labels: [],
    notes: ['Gauge despite _total suffix. Inc when an interactive session starts (sess.go:505), Dec when it ends (sess.go:658).'],
  }),
  buildInfo: metric({
    ...base,
    name: 'teleport_build_info',
    type: 'gauge',
    instrument: 'gauge',
    unit: '1',
    help: 'Provides build information of Teleport including gitref (git describe --long --tags), Go version, and Teleport version. The value of this gauge will always be 1.',
    description:
      'Provides build information of Teleport including gitref (git describe --long --tags), Go version, and Teleport version. The value of this gauge will always be 1.',
    labels: [],
    constLabels: { version: '', gitref: '', goversion: '' },
    notes: [
      'GaugeFunc always returning 1; ConstLabels {version: teleport.Version, gitref: teleport.Gitref, goversion: runtime.Version()} (code declaration order version, gitref, goversion; exposed sorted: gitref, goversion, version). Doc describes the labels only in prose.',
      "This project: goversion carries the Node.js runtime version (process.version, e.g. 'v20.20.0'); version and gitref are the service's own (createInstanceMetrics constLabels, or createDiagMeterProvider's version/gitref options).",
    ],
  }),
  tx: metric({
    ...base,
    name: 'tx',
    type: 'counter',
    instrument: 'counter',
    unit: 'By',
    help: 'Number of bytes transmitted.',
    description: 'Number of bytes transmitted during an SSH connection.',
    labels: [],
    notes: [
      'Same mechanics as rx (txBytes from conn.Stat() in reportStats). Bare name, no _total suffix.',
      "This project: countBytes adds a net.Socket's bytesWritten when it closes; other Duplex streams are counted per chunk.",
    ],
  }),
} as const;
