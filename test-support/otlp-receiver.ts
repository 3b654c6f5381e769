/**
 * A minimal OTLP metrics receiver for tests: HTTP (JSON and protobuf) and gRPC on 127.0.0.1:0.
 * Protobuf is decoded with protobufjs from the OTLP metrics schema below (the subset of
 * opentelemetry/proto/{collector/metrics,metrics,common,resource}/v1 that metrics use), so what the
 * exporter wrote is read back by an independent decoder.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';

const OTLP_METRICS_PROTO = `
syntax = "proto3";
package otlp;
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }
message ExportMetricsPartialSuccess { int64 rejected_data_points = 1; string error_message = 2; }
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message Metric {
  string name = 1; string description = 2; string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
  uint32 flags = 8;
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  fixed64 count = 4; optional double sum = 5; repeated fixed64 bucket_counts = 6; repeated double explicit_bounds = 7;
  uint32 flags = 10; optional double min = 11; optional double max = 12;
}
`;

const root = protobuf.parse(OTLP_METRICS_PROTO, { keepCase: false }).root;
const Request = root.lookupType('otlp.ExportMetricsServiceRequest');
const Response = root.lookupType('otlp.ExportMetricsServiceResponse');

export type Attributes = Record<string, string | number | boolean>;
export interface ReceivedPoint {
  attributes: Attributes;
  value?: number;
  count?: number;
  sum?: number;
  min?: number;
  max?: number;
  bounds?: number[];
  bucketCounts?: number[];
}
export interface ReceivedMetric {
  scope: string;
  name: string;
  unit: string;
  description: string;
  kind: 'gauge' | 'sum' | 'histogram';
  /** OTLP enum: 1 delta, 2 cumulative (absent for gauges). */
  temporality?: number;
  monotonic?: boolean;
  points: ReceivedPoint[];
}
export interface ReceivedExport {
  transport: 'http/json' | 'http/protobuf' | 'grpc';
  path: string;
  headers: IncomingHttpHeaders | Record<string, string>;
  resource: Attributes;
  metrics: ReceivedMetric[];
}

export interface Receiver {
  /** HTTP: http://127.0.0.1:port/v1/metrics; gRPC: http://127.0.0.1:port. */
  readonly url: string;
  /** http://127.0.0.1:port, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly base: string;
  readonly exports: ReceivedExport[];
  /** Resolves with the next export received from now on. */
  next(): Promise<ReceivedExport>;
  /** Stops listening and drops open connections (a collector that went away). */
  close(): Promise<void>;
}

/** An OTLP/HTTP receiver; `hang: true` accepts requests and never answers (a stuck collector). */
export async function startHttpReceiver(options: { hang?: boolean } = {}): Promise<Receiver> {
  const { exports, next, push } = inbox();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (options.hang) return;
      const body = Buffer.concat(chunks);
      const json = (req.headers['content-type'] ?? '').includes('json');
      const raw = json
        ? JSON.parse(body.toString('utf8'))
        : Request.toObject(Request.decode(body), { longs: Number, defaults: false, oneofs: false });
      push(normalize(raw, json ? 'http/json' : 'http/protobuf', req.url ?? '', req.headers));
      if (json) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      } else {
        res
          .writeHead(200, { 'Content-Type': 'application/x-protobuf' })
          .end(Buffer.from(Response.encode(Response.create({})).finish()));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/v1/metrics`,
    base,
    exports,
    next,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An OTLP/gRPC receiver: MetricsService/Export, decoded with the same schema. */
export async function startGrpcReceiver(): Promise<Receiver> {
  const { exports, next, push } = inbox();
  const server = new grpc.Server();
  const identity = (b: Buffer) => b;
  server.addService(
    {
      Export: {
        path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        const raw = Request.toObject(Request.decode(call.request), { longs: Number, defaults: false, oneofs: false });
        const headers = Object.fromEntries(Object.entries(call.metadata.getMap()).map(([k, v]) => [k, String(v)]));
        push(normalize(raw, 'grpc', call.getPath(), headers));
        callback(null, Buffer.from(Response.encode(Response.create({})).finish()));
      },
    }
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)))
  );
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    base,
    exports,
    next,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

function inbox() {
  const exports: ReceivedExport[] = [];
  let waiters: ((e: ReceivedExport) => void)[] = [];
  return {
    exports,
    next: () => new Promise<ReceivedExport>((resolve) => waiters.push(resolve)),
    push(e: ReceivedExport) {
      exports.push(e);
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve(e);
    },
  };
}

// JSON (camelCase, int64 possibly as strings) and protobufjs's toObject share one shape.
/* eslint-disable @typescript-eslint/no-explicit-any */
function normalize(
  raw: any,
  transport: ReceivedExport['transport'],
  path: string,
  headers: ReceivedExport['headers']
): ReceivedExport {
  const metrics: ReceivedMetric[] = [];
  let resource: Attributes = {};
  for (const rm of raw.resourceMetrics ?? []) {
    resource = { ...resource, ...attributes(rm.resource?.attributes) };
    for (const sm of rm.scopeMetrics ?? []) {
      for (const m of sm.metrics ?? []) {
        const kind = m.histogram ? 'histogram' : m.sum ? 'sum' : 'gauge';
        const data = m[kind] ?? {};
        metrics.push({
          scope: sm.scope?.name ?? '',
          name: m.name,
          unit: m.unit ?? '',
          description: m.description ?? '',
          kind,
          temporality: data.aggregationTemporality === undefined ? undefined : Number(data.aggregationTemporality),
          monotonic: kind === 'sum' ? Boolean(data.isMonotonic) : undefined,
          points: (data.dataPoints ?? []).map((p: any) => point(p, kind === 'histogram')),
        });
      }
    }
  }
  return { transport, path, headers, resource, metrics };
}

function point(p: any, histogram: boolean): ReceivedPoint {
  const attrs = attributes(p.attributes);
  if (!histogram) return { attributes: attrs, value: Number(p.asDouble ?? p.asInt ?? 0) };
  return {
    attributes: attrs,
    count: Number(p.count ?? 0),
    sum: p.sum === undefined ? undefined : Number(p.sum),
    min: p.min === undefined ? undefined : Number(p.min),
    max: p.max === undefined ? undefined : Number(p.max),
    bounds: (p.explicitBounds ?? []).map(Number),
    bucketCounts: (p.bucketCounts ?? []).map(Number),
  };
}

function attributes(list: any[] | undefined): Attributes {
  const out: Attributes = {};
  for (const kv of list ?? []) {
    const v = kv.value ?? {};
    out[kv.key] = v.stringValue ?? v.boolValue ?? (v.intValue !== undefined ? Number(v.intValue) : Number(v.doubleValue));
  }
  return out;
}
