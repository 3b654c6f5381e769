import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';
import { LATEST_SOURCES } from '../sources';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'awsSdk',
  component: 'AWS SDK',
  section: 'Auth Service and backends',
  origin: 'teleport',
  description: '',
  examples: {
    service: ['DynamoDB', 'S3', 'STS', 'SQS', 'Athena'],
    operation: ['GetItem', 'PutObject', 'Query', 'GetCallerIdentity'],
  },
  profiles: ['latest'],
  source: LATEST_SOURCES.awsSdk,
} as const;

const LABELS_NOTE =
  "Recorded by the AWS SDK v2 middleware (MetricsMiddleware) on every API call: service = awsmiddleware.GetServiceID (e.g. 'DynamoDB'), operation = GetOperationName (e.g. 'GetItem'). Registered in init() in the order requests, requests_total, requests_seconds.";

/** backends: every AWS API call Teleport makes through aws-sdk-go-v2 (lib/observability/metrics/aws). */
export const awsSdk = {
  requestsTotal: metric({
    ...base,
    name: 'teleport_aws_sdk_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Total number of requests to the AWS API',
    labels: ['service', 'operation'],
    notes: [LABELS_NOTE],
  }),
  requests: metric({
    ...base,
    name: 'teleport_aws_sdk_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of requests to the AWS API by result',
    labels: ['service', 'operation', 'result'],
    values: { result: ['success', 'error'] },
    notes: ["result = 'error' when the call returned an error, else 'success'. No _total suffix.", LABELS_NOTE],
  }),
  requestsSeconds: metric({
    ...base,
    name: 'teleport_aws_sdk_requests_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Request latency for the AWS API',
    labels: ['service', 'operation'],
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [LABELS_NOTE],
  }),
} as const;
