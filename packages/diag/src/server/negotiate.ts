/*
 * Content negotiation for /metrics: the exposition format from Accept, the content coding from
 * Accept-Encoding (RFC 9110 §12.4/§12.5.3). Hand-written because the field syntax is tiny and the
 * npm negotiators (negotiator, accepts) are Express-shaped and do not expose the media-type
 * parameters (`proto=…;encoding=delimited`, `version=1.0.0`) a Prometheus format choice needs.
 */

/** One element of an Accept or Accept-Encoding list: token (lower case), parameters, q-value. */
export interface Preference {
  /** `text/plain`, `application/openmetrics-text`, `gzip`, `*`, … in lower case. */
  readonly value: string;
  /** Media-type parameters other than q, names in lower case, values unquoted. */
  readonly params: Readonly<Record<string, string>>;
  /** 0 to 1; 0 means "not acceptable". */
  readonly q: number;
}

/** Parses a comma-separated preference list; malformed elements are skipped, a malformed q counts as 1. */
export function parsePreferences(header: string | readonly string[] | undefined): Preference[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(',') : (header as string);
  const out: Preference[] = [];
  for (const element of text.split(',')) {
    const [head, ...rest] = element.split(';');
    const value = head!.trim().toLowerCase();
    if (value === '') continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const name = p.slice(0, eq).trim().toLowerCase();
      if (name === '') continue; // `=v`: malformed
      const raw = p.slice(eq + 1).trim();
      const v = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
      if (name === 'q') {
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ): only the "0" form can lower
        // q; the "1" form and a malformed q both leave it at 1.
        if (/^0(?:\.\d{0,3})?$/.test(v)) q = Number(v);
      } else params[name] = v;
    }
    out.push({ value, params, q });
  }
  return out;
}

/** Content codings /metrics can send. */
export type ContentCoding = 'gzip' | 'identity';

/**
 * The coding to answer with: gzip when the client accepts it with q > 0 (explicitly, or through
 * `*` without an explicit gzip entry) and prefers it at least as much as identity; otherwise
 * identity. Names are case-insensitive (`GZIP` is gzip); `x-gzip` is gzip (RFC 9110 §8.4.1.3).
 */
export function negotiateEncoding(header: string | readonly string[] | undefined, gzipEnabled: boolean): ContentCoding {
  if (!gzipEnabled) return 'identity';
  const prefs = parsePreferences(header);
  const find = (...names: string[]) => prefs.find((p) => names.includes(p.value));
  const star = find('*');
  const gzip = find('gzip', 'x-gzip') ?? star;
  if (!gzip || gzip.q <= 0) return 'identity';
  // Only an explicit identity entry with a higher q than gzip's wins: identity through `*` has
  // the same q as gzip through `*` (or is overridden by an explicit gzip entry).
  const identity = find('identity');
  return identity && identity.q > gzip.q ? 'identity' : 'gzip';
}
