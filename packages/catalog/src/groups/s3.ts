import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 's3',
  component: 'Amazon S3',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

const OPERATIONS = [
  'list_object_versions_pages',
  'list_object_versions',
  'delete_object',
  'delete_bucket',
  'head_bucket',
  'create_bucket',
  'put_bucket_versioning',
  'put_bucket_encryption',
  'create_multipart_upload',
  'upload_part',
  'abort_multipart_upload',
  'list_parts',
  'list_multipart_uploads',
  'upload',
  'download',
] as const;

/** backends: s3 rows. */
export const s3 = {
  requestsTotal: metric({
    ...base,
    name: 's3_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Total number of requests to the S3 API',
    description: 'Total number of requests to the S3 API.',
    labels: ['operation'],
    examples: { operation: OPERATIONS },
    notes: [
      "Operations from s3/api.go (S3 API wrapper) and s3/manager.go ('upload','download' for s3manager). CODE BUG: CompleteMultipartUploadWithContext records operation 'create_multipart_upload' (copy/paste), so complete calls are merged into create_multipart_upload. (A newer stored version of s3.go adds an AWS SDK v2 MetricsMiddleware that passes (service, operation) to these vectors; not verified, not relevant to this doc version.)",
    ],
  }),
  requests: metric({
    ...base,
    name: 's3_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of requests to the AS3 API by result',
    description: 'Number of requests to the S3 API by result.',
    labels: ['operation', 'result'],
    values: { result: ['success', 'error'] },
    examples: { operation: OPERATIONS },
    notes: [
      "Help string typo 'AS3'. Counts every request by result ('success'/'error'). No _total suffix. Same create/complete multipart label bug as s3_requests_total.",
    ],
  }),
  requestsSeconds: metric({
    ...base,
    name: 's3_requests_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Request latency for the S3 API',
    description: 'Request latency for the S3 API.',
    labels: ['operation'],
    examples: { operation: OPERATIONS },
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [],
  }),
} as const;
