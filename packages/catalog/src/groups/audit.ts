import { metric } from '../define';

/** What every entry of this group shares. */
const base = {
  package: 'audit',
  group: 'audit',
  component: 'Teleport Audit Log',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

/** audit: audit rows. */
export const audit = {
  failedDiskMonitoring: metric({
    ...base,
    name: 'audit_failed_disk_monitoring',
    type: 'counter',
    instrument: 'counter',
    unit: '{failure}',
    help: 'Number of times disk monitoring failed.',
    description: 'Number of times disk monitoring failed.',
    labels: [],
    notes: [
      'Incremented by AuditLog.periodicSpaceMonitor (ticker DiskAlertInterval = 5m) when utils.PercentUsed(DataDir) (statfs) returns an error (always on Windows: NotImplemented). Matches doc.',
    ],
  }),
  failedEmitEvents: metric({
    ...base,
    name: 'audit_failed_emit_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{failure}',
    help: 'Number of times emitting audit event failed.',
    description: 'Number of times emitting audit events failed.',
    labels: [],
    notes: [
      "Incremented in lib/events/emitter.go CheckingEmitter.EmitAuditEvent and CheckingStream.EmitAuditEvent when field validation (checkAndSetEventFields) fails or the inner emitter returns an error. Help says 'event' (singular) vs doc 'events'.",
    ],
  }),
  percentageDiskSpaceUsed: metric({
    ...base,
    name: 'audit_percentage_disk_space_used',
    type: 'gauge',
    instrument: 'gauge',
    unit: '%',
    help: 'Percentage disk space used.',
    description: 'Percentage of disk space used.',
    labels: [],
    notes: [
      'Set every 5m (DiskAlertInterval) by periodicSpaceMonitor to utils.PercentUsed(DataDir) = Round((Blocks-Bfree)/Blocks*100) (lib/utils/disk.go; Round = round-half-away-from-zero to an integer), so values are whole percents 0..100. Logs a warning above DiskAlertThreshold = 90. Only runs for the file-based AuditLog (lib/events/auditlog.go:329).',
    ],
  }),
  serverOpenFiles: metric({
    ...base,
    name: 'audit_server_open_files',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{file}',
    help: 'Number of open audit files',
    description: 'Number of open audit files.',
    labels: [],
    notes: [
      'DISCREPANCY: registered but never Set/Inc/Dec anywhere in this snapshot (git grep finds only the definition and the collectors list), so it always exposes 0.',
    ],
  }),
  emitEvents: metric({
    ...base,
    name: 'teleport_audit_emit_events',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of audit events emitted',
    description: 'Number of audit events emitted.',
    labels: [],
    notes: [
      'Incremented at the start of CheckingEmitter.EmitAuditEvent (lib/events/emitter.go:164), i.e. counts attempts including ones that later fail; CheckingStream.EmitAuditEvent does not increment it. No _total suffix.',
    ],
  }),
  incompleteSessionUploadsTotal: metric({
    ...base,
    name: 'teleport_incomplete_session_uploads_total',
    type: 'gauge',
    instrument: 'gauge',
    unit: '{session}',
    help: 'Number of sessions not yet uploaded to auth',
    description: '',
    labels: [],
    origin: 'teleport',
    section: 'Not in the doc',
    profiles: ['teleport-12', 'latest'],
    source: 'lib/events/complete.go@586786e41b29ae0586d45a551cfc103794efe85c',
    overrides: { latest: { source: 'lib/events/complete.go@a0b16a5eee0f03211741185a74b1190ce3df41e4' } },
    notes: [
      'A gauge despite the _total suffix: the upload completer sets it on each check to the number of multipart session uploads it found not yet completed.',
    ],
  }),
} as const;
