import type { DiagOptions } from './diag';
import { validateServerOptions } from './security/validate';

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'function';

/**
 * Every startDiag option and the JavaScript type it takes. Typed against DiagOptions in both
 * directions, so adding an option without listing it here (or listing one that does not exist) is
 * a compile error rather than an option rejected as unknown at run time.
 */
const OPTION_KINDS = {
  addr: 'string',
  headersTimeoutMs: 'number',
  requestTimeoutMs: 'number',
  maxConnections: 'number',
  closeTimeoutMs: 'number',
  tls: 'object',
  maxConcurrentScrapes: 'number',
  gzip: 'boolean',
  scrapeTimeoutMs: 'number',
  requireClientCert: 'boolean',
  bearerToken: 'string',
  basicAuth: 'object',
  maxSeries: 'number',
  profile: 'string',
  exemplars: 'boolean',
  nativeHistograms: ['boolean', 'array'],
  nativeHistogramOptions: 'object',
  histogramMinMax: 'boolean',
  openMetrics: 'boolean',
  exposition: 'object',
  readers: 'array',
  noPull: 'boolean',
  resource: 'object',
  views: 'array',
  version: 'string',
  gitref: 'string',
  recoveryMs: 'number',
  aggregate: ['boolean', 'object'],
  global: 'boolean',
  shutdownTimeoutMillis: 'number',
} as const satisfies Record<keyof DiagOptions, Kind | readonly Kind[]>;

/** Keys of the nested option objects. */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  tls: ['certFile', 'keyFile', 'clientCaFile'],
  basicAuth: ['username', 'password'],
  exposition: ['naming'],
};

const NAMINGS = ['teleport', 'otel'];

/**
 * Checks startDiag's options before anything is created: an unknown (misspelt) key, a value of the
 * wrong type or out of range rejects with one line naming the option, so `adress: ...`,
 * `recoveryMs: -1` or `exposition: { naming: 'bogus' }` cannot silently fall back to a default.
 * An option set to undefined counts as unset.
 */
export function validateDiagOptions(options: DiagOptions): void {
  const fail = (msg: string): never => {
    throw new Error(`teleport-otel: ${msg}`);
  };
  if (options === null || typeof options !== 'object') fail(`startDiag options must be an object, got ${kindOf(options)}`);
  const o = options as Record<string, unknown>;
  const known = Object.keys(OPTION_KINDS);
  for (const [key, value] of Object.entries(o)) {
    const kind = (OPTION_KINDS as Record<string, Kind | readonly Kind[]>)[key];
    if (kind === undefined) fail(`unknown startDiag option ${JSON.stringify(key)}${suggestion(key, known)}`);
    if (value === undefined) continue;
    const kinds: readonly string[] = typeof kind === 'string' ? [kind] : kind!;
    if (!kinds.includes(kindOf(value)))
      fail(`startDiag option ${key} must be ${kinds.map((k) => article(k as Kind)).join(' or ')}, got ${kindOf(value)}`);
    const nested = NESTED[key];
    if (nested) {
      for (const inner of Object.keys(value as object)) {
        if (!nested.includes(inner)) fail(`unknown startDiag option ${key}.${inner}${suggestion(inner, nested)}`);
      }
    }
  }
  const naming = options.exposition?.naming;
  if (naming !== undefined && !NAMINGS.includes(naming))
    fail(`exposition.naming must be "teleport" or "otel", got ${JSON.stringify(naming)}`);
  for (const key of ['recoveryMs', 'shutdownTimeoutMillis'] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) fail(`${key} must be an integer >= 0, got ${JSON.stringify(v)}`);
  }
  validateServerOptions(options);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function article(kind: Kind): string {
  return kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`;
}

/** ` (did you mean "addr"?)` for a key within two edits of a known one (three for keys of six letters or more). */
function suggestion(key: string, known: readonly string[]): string {
  // `addr` is short for what people write in full: too many edits away for the distance alone.
  if (known.includes('addr') && /^(?:add?ress?|host|port|listen)$/i.test(key)) return ' (did you mean "addr"?)';
  let best: string | undefined;
  let bestDistance = key.length >= 6 ? 4 : 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

/** Levenshtein distance; the keys are short, so the plain dynamic programme is enough. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
