/**
 * The gravitational/teleport files (path@commit) the `latest` profile's newer families were read
 * from. No whole tree of a current release is readable here, so each family names the newest
 * stored version of the file that defines it; names, TYPEs, HELP texts, labels and buckets were
 * checked against these exact versions.
 */
export const LATEST_SOURCES = {
  /** Backend Reporter families (namespace/subsystem/name, HELP, buckets); constant values from METRIC_CONSTANTS. */
  backendMetrics: 'lib/backend/backendmetrics/metrics.go@4e2b459acb1b8cb1fb432015bf3433157e2c21de',
  /** Where the Reporter increments them (precondition classification, item counts). */
  backendReport: 'lib/backend/report.go@3d98bd409865ea33f7b6d2652a7e36c0a9eb89e0',
  /** The package-teleport metric name and label constants. */
  metricConstants: 'metrics.go@9937918ef7d79ed284217f67bacc42ffd76329a7',
  /** Auth Service inventory, upgrade and login families. */
  auth: 'lib/auth/auth.go@4e2b459acb1b8cb1fb432015bf3433157e2c21de',
  /** How the inventory gauges are counted per instance (registered servers by os, version, automatic updates). */
  authPeriodic: 'lib/auth/periodic.go@1423f7ec8916491f00fa64e2ad4420c58a7630ed',
  ingress: 'lib/srv/ingress/reporter.go@2b0dff1c4e597df2b1c7399e2aabcf1061eddb26',
  athena: 'lib/events/athena/athena.go@630cdaac67709bcf3000b10f50205f7383fea2a0',
  pgevents: 'lib/events/pgevents/metrics.go@bee2198d36db087c28eee3f9600ba0c262af1d70',
  awsSdk: 'lib/observability/metrics/aws/aws.go@d7afef7e5497feab9cf1f879051adc51438f4ea2',
  etcd: 'lib/backend/etcdbk/etcd.go@3d98bd409865ea33f7b6d2652a7e36c0a9eb89e0',
  kube: 'lib/kube/proxy/prometheus.go@9134d5ff594620f95356c83881bb152f483bed88',
  db: 'lib/srv/db/common/reporting.go@42979c93895ed3f94d5978fdf3e0e7a8ccdd0812',
  proxyDb: 'lib/srv/db/proxyserver.go@f4b581a6d9bff9ab9ff980e9bf2750cd29fc9bbb',
  supervisor: 'lib/service/supervisor.go@a0b16a5eee0f03211741185a74b1190ce3df41e4',
  /** Teleport's newer metrics reference table, for families whose defining file is not named here. */
  docs: 'docs: docs/pages/includes/metrics.mdx@823127cdef2e92a72e7fb8802d8723b18cef109e',
} as const;
