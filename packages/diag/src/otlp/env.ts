import type { Temporality } from '../producer';
import type { ReaderSpec } from '../provider';
import { sdkResources, type Resource } from '../sdk-resources';
import { OTLP_PROTOCOLS, defaultOtlpUrl, type OtlpProtocol } from './exporter';
import { DEFAULT_EXPORT_INTERVAL_MS, DEFAULT_EXPORT_TIMEOUT_MS, consoleReader, otlpReader } from './readers';

export type Env = Readonly<Record<string, string | undefined>>;

const EXPORTERS = ['prometheus', 'otlp', 'console', 'none'] as const;
type ExporterName = (typeof EXPORTERS)[number];

/** What the standard OTEL_* variables ask of the diag pipeline; only keys the environment sets are present. */
export interface EnvPipeline {
  /** Push readers (OTLP, console) to pass as `readers`. */
  readers?: ReaderSpec[];
  /** True when OTEL_METRICS_EXPORTER is set and leaves out prometheus. */
  noPull?: boolean;
  /** From OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, over the SDK's default resource. */
  resource?: Resource;
  /** The export timeout: close() returns within it even when the collector is gone. */
  shutdownTimeoutMillis?: number;
}

/**
 * Reads the standard OpenTelemetry variables (OTEL_METRICS_EXPORTER, OTEL_EXPORTER_OTLP_*,
 * OTEL_METRIC_EXPORT_*, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) into diag options:
 * `startDiag({ ...options, ...diagOptionsFromEnv(process.env) })`. Throws a one-line Error naming
 * the variable and value on anything it cannot honour. With none of them set it returns {}.
 * OTEL_METRICS_EXPORTER unset means prometheus (pull) only, this package's behaviour before push.
 */
export function diagOptionsFromEnv(env: Env): EnvPipeline {
  const out: EnvPipeline = {};
  const resource = resourceFromEnv(env);
  if (resource) out.resource = resource;

  // OTEL_SDK_DISABLED=true: no OpenTelemetry export at all (OTEL_METRICS_EXPORTER is not even
  // read). The diag endpoint stays: /metrics, /healthz and /readyz are Teleport's interface,
  // which probes and scrapers depend on, not the SDK's.
  if (sdkDisabled(env)) {
    out.readers = [];
    return out;
  }
  const exporters = metricsExporters(env);
  if (!exporters) return out;
  out.noPull = !exporters.has('prometheus');
  const push = exporters.has('otlp') || exporters.has('console');
  if (!push) {
    out.readers = [];
    return out;
  }
  const interval = millis(env, 'OTEL_METRIC_EXPORT_INTERVAL') ?? DEFAULT_EXPORT_INTERVAL_MS;
  const timeout = Math.min(millis(env, 'OTEL_METRIC_EXPORT_TIMEOUT') ?? DEFAULT_EXPORT_TIMEOUT_MS, interval);
  const temporality = temporalityFromEnv(env);
  const periodic = { temporality, exportIntervalMillis: interval, exportTimeoutMillis: timeout };
  out.readers = [];
  if (exporters.has('otlp')) {
    const protocol = protocolFromEnv(env);
    const headers = headersFromEnv(env, protocol);
    out.readers.push(otlpReader({ ...periodic, protocol, url: urlFromEnv(env, protocol), headers }));
  }
  if (exporters.has('console')) out.readers.push(consoleReader(periodic));
  out.shutdownTimeoutMillis = timeout;
  return out;
}

function metricsExporters(env: Env): Set<ExporterName> | undefined {
  const raw = value(env, 'OTEL_METRICS_EXPORTER');
  if (raw === undefined) return undefined;
  const names = new Set<ExporterName>();
  for (const part of raw.split(',')) {
    const name = part.trim().toLowerCase();
    if (!(EXPORTERS as readonly string[]).includes(name)) {
      throw bad('OTEL_METRICS_EXPORTER', raw, `"${part.trim()}" is not one of ${EXPORTERS.join(', ')}`);
    }
    names.add(name as ExporterName);
  }
  if (names.has('none') && names.size > 1)
    throw bad('OTEL_METRICS_EXPORTER', raw, '"none" cannot be combined with other exporters');
  return names;
}

function protocolFromEnv(env: Env): OtlpProtocol {
  const name = env.OTEL_EXPORTER_OTLP_METRICS_PROTOCOL?.trim()
    ? 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const raw = value(env, name);
  if (raw === undefined) return 'http/protobuf';
  const protocol = raw.toLowerCase();
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol))
    throw bad(name, raw, `expected one of ${OTLP_PROTOCOLS.join(', ')}`);
  return protocol as OtlpProtocol;
}

/** The signal's own endpoint is used as is; the shared one gets /v1/metrics appended for HTTP (OTLP exporter spec). */
function urlFromEnv(env: Env, protocol: OtlpProtocol): string {
  const own = value(env, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  if (own !== undefined) return checkUrl('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', own);
  const shared = value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (shared === undefined) return defaultOtlpUrl(protocol);
  checkUrl('OTEL_EXPORTER_OTLP_ENDPOINT', shared);
  if (protocol === 'grpc') return shared;
  return `${shared.endsWith('/') ? shared : `${shared}/`}v1/metrics`;
}

function checkUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad(name, raw, 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad(name, raw, 'expected an http:// or https:// URL');
  return raw;
}

/** True for OTEL_SDK_DISABLED=true (any case), as the OpenTelemetry SDKs read it; anything else is false. */
export function sdkDisabled(env: Env): boolean {
  return value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true';
}

/**
 * OTEL_EXPORTER_OTLP_HEADERS, then OTEL_EXPORTER_OTLP_METRICS_HEADERS over it: key=value pairs,
 * percent-encoded. A value must decode to text the transport can send, or every export would
 * fail: HTTP takes tab, printable ASCII and Latin-1 (Node refuses the rest, a line break above
 * all); gRPC metadata takes printable ASCII only.
 */
function headersFromEnv(env: Env, protocol: OtlpProtocol): Record<string, string> {
  const sendable = protocol === 'grpc' ? GRPC_VALUE : HTTP_VALUE;
  return {
    ...keyValues(env, 'OTEL_EXPORTER_OTLP_HEADERS', sendable),
    ...keyValues(env, 'OTEL_EXPORTER_OTLP_METRICS_HEADERS', sendable),
  };
}

const HTTP_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const GRPC_VALUE = /^[\x20-\x7e]*$/;

/** Why a decoded header value cannot be sent, without quoting it. */
function unsendable(v: string): string {
  if (/[\r\n]/.test(v)) return 'a line break';
  if (/[^\x00-\xff]/.test(v)) return 'text outside Latin-1';
  if (/[^\x00-\x7f]/.test(v)) return 'non-ASCII text (gRPC metadata is printable ASCII)';
  return 'a control character';
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A W3C-baggage-like list, `k1=v1,k2=v2`. Header values are often secrets, so an error names the
 * variable and the position of the bad entry, never its text.
 */
function keyValues(env: Env, name: string, sendable?: RegExp): Record<string, string> {
  const secret = sendable !== undefined;
  const raw = value(env, name);
  const out: Record<string, string> = {};
  if (raw === undefined) return out;
  const parts = raw.split(',');
  parts.forEach((part, i) => {
    if (part.trim() === '') return;
    const eq = part.indexOf('=');
    const where = `entry ${i + 1} of ${parts.length}`;
    const shown = secret ? '(value hidden)' : raw;
    if (eq <= 0) throw bad(name, shown, `${where} is not key=value`);
    let key: string;
    let val: string;
    try {
      key = decodeURIComponent(part.slice(0, eq).trim());
      val = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      throw bad(name, shown, `${where} has a malformed %-escape`);
    }
    if (key === '' || (secret && !HEADER_NAME.test(key))) throw bad(name, shown, `${where} has an invalid key`);
    if (sendable && !sendable.test(val)) throw bad(name, shown, `the value of ${where} decodes to ${unsendable(val)}`);
    out[key] = val;
  });
  return out;
}

function resourceFromEnv(env: Env): Resource | undefined {
  const attributes: Record<string, string> = keyValues(env, 'OTEL_RESOURCE_ATTRIBUTES');
  const service = value(env, 'OTEL_SERVICE_NAME');
  if (service !== undefined) attributes['service.name'] = service;
  if (Object.keys(attributes).length === 0) return undefined;
  const { defaultResource, resourceFromAttributes } = sdkResources();
  return defaultResource().merge(resourceFromAttributes(attributes));
}

function temporalityFromEnv(env: Env): Temporality {
  const name = 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE';
  const raw = value(env, name);
  if (raw === undefined) return 'cumulative';
  const t = raw.toLowerCase();
  if (t === 'cumulative') return 'cumulative';
  // lowmemory is delta for counters and histograms, cumulative for up-down counters: what the
  // RegistryProducer's delta already does.
  if (t === 'delta' || t === 'lowmemory') return 'delta';
  throw bad(name, raw, 'expected cumulative or delta');
}

/** Node's timers hold at most 2^31 - 1 ms (~24.8 days); a longer delay silently becomes 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function millis(env: Env, name: string): number | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw bad(name, raw, 'expected a positive whole number of milliseconds');
  if (Number(raw) > MAX_TIMER_MS)
    throw bad(name, raw, `at most ${MAX_TIMER_MS} ms (about 24.8 days): Node.js timers cannot wait longer`);
  return Number(raw);
}

/** Set and non-blank, trimmed; blank counts as unset, as the OpenTelemetry SDKs treat it. */
function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function bad(name: string, raw: string, why: string): Error {
  return new Error(`teleport-otel: ${name}=${JSON.stringify(raw)}: ${why}`);
}
