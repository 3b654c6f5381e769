import type { TeleportPullReader } from '../pull-reader';
import type { Preference } from './negotiate';
import { protobufFormat } from './protobuf-format';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** What a format renders from: the diag's pull reader, and the bound on its collection. */
export interface RenderInput {
  readonly reader: TeleportPullReader;
  /** Bound on the SDK collection (observable callbacks included), ms; undefined = none. */
  readonly timeoutMillis: number | undefined;
}

/**
 * One exposition format /metrics can serve. Formats are keyed by `name`: concurrent scrapes that
 * negotiate the same format (and content coding) share one render.
 */
export interface ExpositionFormat {
  /** Unique key, e.g. `text`. */
  readonly name: string;
  /** The Content-Type header of the response. */
  readonly contentType: string;
  /** True when an Accept element (q > 0 already checked) asks for this format. */
  accepts(preference: Preference): boolean;
  /** The body, in pieces; the event loop is given back between pieces of a large exposition. */
  render(input: RenderInput): AsyncIterable<string | Uint8Array>;
}

/** Prometheus text format 0.0.4, byte for byte as Teleport's client_golang writes it. */
export const textFormat: ExpositionFormat = {
  name: 'text',
  contentType: METRICS_CONTENT_TYPE,
  accepts: (p) => p.value === 'text/plain' && (p.params.version === undefined || p.params.version === '0.0.4'),
  render: ({ reader, timeoutMillis }) => reader.formatChunks('text', { timeoutMillis }),
};

/** The formats /metrics negotiates between, most preferred first on equal q. */
export const EXPOSITION_FORMATS: readonly ExpositionFormat[] = [textFormat, protobufFormat];

/**
 * The format for an Accept header: the acceptable element with the highest q that some format
 * accepts (ties: the earlier element), else `fallback` (client_golang's expfmt.Negotiate also
 * falls back to the text format rather than answering 406).
 */
export function negotiateFormat(
  accept: readonly Preference[],
  formats: readonly ExpositionFormat[] = EXPOSITION_FORMATS,
  fallback: ExpositionFormat = textFormat
): ExpositionFormat {
  let best: { format: ExpositionFormat; q: number } | undefined;
  for (const p of accept) {
    if (p.q <= 0 || (best && p.q <= best.q)) continue;
    const format = formats.find((f) => f.accepts(p));
    if (format) best = { format, q: p.q };
  }
  return best?.format ?? fallback;
}
