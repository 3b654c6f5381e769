import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'gcs',
  component: 'GCP GCS',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

/** backends: gcs rows. */
export const gcs = {
  downloadsSeconds: metric({
    ...base,
    name: 'gcs_event_storage_downloads_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for GCS download operations',
    description: 'Latency for GCS download operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: ['Observed in gcshandler Download. No labels, no _total suffix.'],
  }),
  downloads: metric({
    ...base,
    name: 'gcs_event_storage_downloads',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of downloads from the GCS backend',
    description: 'Number of downloads from the GCS backend.',
    labels: [],
    notes: ['Incremented in gcshandler Download. No labels, no _total suffix.'],
  }),
  uploadsSeconds: metric({
    ...base,
    name: 'gcs_event_storage_uploads_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Latency for GCS upload operations',
    description: 'Latency for GCS upload operations.',
    labels: [],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: ['Observed in gcshandler Upload and gcsstream.go CreateUpload/UploadPart. No labels, no _total suffix.'],
  }),
  uploads: metric({
    ...base,
    name: 'gcs_event_storage_uploads',
    type: 'counter',
    instrument: 'counter',
    unit: '{event}',
    help: 'Number of uploads to the GCS backend',
    description: 'Number of uploads to the GCS backend.',
    labels: [],
    notes: ['Incremented in gcshandler Upload and gcsstream.go CreateUpload/UploadPart. No labels, no _total suffix.'],
  }),
} as const;
