import type { MetricEntry } from '@teleport-otel/catalog';

/**
 * The messages between an aggregating primary (`startDiag({ aggregate: true })`) and the workers
 * that joined it (`joinDiag()`), over cluster IPC or, between threads, BroadcastChannels. Every
 * message carries TAG, so a service's own messages on the same channels are never mistaken for
 * ours (and ours are ignored by its handlers that check their own shapes).
 *
 * Workers never ship their whole registry per scrape: a family is described once (its entry and
 * const labels), a series once (its label values, under a small integer id), and after that a
 * state message carries only the series whose numbers changed since the last one: their ids and
 * numbers as two typed arrays (structured-cloned between threads, base64 of the raw bytes over
 * JSON cluster IPC). Numbers are cumulative, so a late or repeated message is harmless.
 */
export const TAG = 'teleport-otel/aggregate@1';

/** BroadcastChannel name the primary sends on (workers listen); replies go on `${name}/up`. */
export const DEFAULT_CHANNEL = 'teleport-otel/aggregate@1';
export const upChannel = (name: string): string => `${name}/up`;

/** A typed array, or base64 of its bytes where the transport is JSON. */
export type Packed<T extends Float64Array | Uint32Array> = T | string;

export interface FamilyDelta {
  readonly name: string;
  /** In a family's first delta: its entry and const label values. */
  readonly entry?: MetricEntry;
  readonly consts?: readonly (readonly [string, string])[];
  /** New series: their ids, and their label values (null: the overflow series). */
  readonly addedIds?: readonly number[];
  readonly addedValues?: readonly (readonly string[] | null)[];
  /** Series gone (deleted, reset, or not observed this time). */
  readonly removed?: readonly number[];
  /** Changed series: their ids, and strideOf(entry) numbers for each, in the same order. */
  readonly ids: Packed<Uint32Array>;
  readonly data: Packed<Float64Array>;
}

export type Message =
  | {
      readonly tag: typeof TAG;
      readonly t: 'hello';
      readonly id: string;
      /** The `worker` label value of its per-worker series: `cluster-<id>` or `thread-<threadId>`. */
      readonly label: string;
      readonly pid: number;
      /** A worker thread's threadId, so the primary notices when that thread exits. */
      readonly thread?: number;
    }
  | { readonly tag: typeof TAG; readonly t: 'welcome'; readonly id: string }
  | { readonly tag: typeof TAG; readonly t: 'collect'; readonly seq: number }
  | { readonly tag: typeof TAG; readonly t: 'state'; readonly id: string; readonly seq: number; readonly families: FamilyDelta[] }
  | { readonly tag: typeof TAG; readonly t: 'bye'; readonly id: string; readonly families: FamilyDelta[] }
  | { readonly tag: typeof TAG; readonly t: 'bye-ack'; readonly id: string };

export function isMessage(m: unknown): m is Message {
  return typeof m === 'object' && m !== null && (m as { tag?: unknown }).tag === TAG;
}

/**
 * Numbers per series: the whole and the fractional part for counters and gauges (ScalarCell's
 * `whole` and `v`: counters keep them apart, as client_golang does, and so does their sum);
 * per-bucket counts (+Inf last), sum, count, min and max for histograms; quantile values, sum
 * and count for summaries.
 */
export function strideOf(entry: Pick<MetricEntry, 'instrument' | 'buckets' | 'quantiles'>): number {
  if (entry.instrument === 'histogram') return (entry.buckets?.length ?? 0) + 1 + 4;
  if (entry.instrument === 'summary') return (entry.quantiles?.length ?? 0) + 2;
  return 2;
}

/** For a JSON transport: the array's bytes as base64 (exact, and far smaller than JSON numbers). */
export function pack<T extends Float64Array | Uint32Array>(a: T, json: boolean): Packed<T> {
  return json ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') : a;
}

export function unpackNumbers(p: Packed<Float64Array>): Float64Array {
  return typeof p === 'string' ? new Float64Array(aligned(p, 8)) : p;
}

export function unpackIds(p: Packed<Uint32Array>): Uint32Array {
  return typeof p === 'string' ? new Uint32Array(aligned(p, 4)) : p;
}

/** Decoded base64 in a fresh ArrayBuffer (a Buffer's offset need not be aligned for a typed array view). */
function aligned(base64: string, width: number): ArrayBuffer {
  const bytes = Buffer.from(base64, 'base64');
  const out = new ArrayBuffer(bytes.length - (bytes.length % width));
  new Uint8Array(out).set(bytes.subarray(0, out.byteLength));
  return out;
}
