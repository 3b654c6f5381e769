import { metric } from '../define';
import { TELEPORT_LATENCY_BUCKETS } from '../buckets';

/** What every entry of this group shares. */
const base = {
  package: 'backends',
  group: 'dynamo',
  component: 'DynamoDB',
  section: 'Auth Service and backends',
  origin: 'doc',
} as const;

const TYPES = ['backend', 'events'] as const;
const OPERATIONS = [
  'describe_ttl',
  'update_ttl',
  'delete_item',
  'get_item',
  'put_item',
  'update_item',
  'delete_table',
  'batch_write_item',
  'scan',
  'create_table',
  'describe_table',
  'query',
  'describe_stream',
  'get_shard_iterator',
  'get_records',
] as const;

/** backends: dynamo rows. */
export const dynamo = {
  requestsTotal: metric({
    ...base,
    name: 'dynamo_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Total number of requests to the DynamoDB API',
    description: 'Number of requests to the DynamoDB API.',
    labels: ['type', 'operation'],
    values: { type: TYPES },
    examples: { operation: OPERATIONS },
    docRows: 2,
    notes: [
      "type = TableType: 'backend' (lib/backend/dynamo/dynamodbbk.go) or 'events' (lib/events/dynamoevents/dynamoevents.go). Operations from dynamo/api.go (12) and dynamo/streams.go (describe_stream, get_shard_iterator, get_records).",
    ],
  }),
  requests: metric({
    ...base,
    name: 'dynamo_requests',
    type: 'counter',
    instrument: 'counter',
    unit: '{request}',
    help: 'Number of failed requests to the DynamoDB API by result',
    description: 'Number of failed requests to the DynamoDB API.',
    labels: ['type', 'operation', 'result'],
    values: { result: ['success', 'error'], type: TYPES },
    examples: { operation: OPERATIONS },
    notes: [
      "DISCREPANCY: doc (and code help) say 'failed requests', but recordMetrics increments it for EVERY request with result='success' or 'error'. No _total suffix.",
    ],
  }),
  requestsSeconds: metric({
    ...base,
    name: 'dynamo_requests_seconds',
    type: 'histogram',
    instrument: 'histogram',
    unit: 's',
    help: 'Request latency for the DynamoDB API',
    description: 'Latency of DynamoDB API requests.',
    labels: ['type', 'operation'],
    values: { type: TYPES },
    examples: { operation: OPERATIONS },
    buckets: TELEPORT_LATENCY_BUCKETS,
    notes: [],
  }),
} as const;
