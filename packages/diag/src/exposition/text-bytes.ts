/*
 * Text exposition written as UTF-8 bytes straight into Buffers. Hand-written because what a
 * scrape allocates decides how long the garbage collector holds the event loop: building each
 * line as a string (template literals, one join per chunk, then Buffer.from for the socket) made
 * a 100k-series scrape allocate ~58 MB of short-lived strings on the JS heap (~8x the body) and
 * 7 MB more of Buffers; written here, a scrape allocates the body's Buffers and little else.
 */
import { escapeLabelValue, formatValue } from './format';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LINE_FEED = 0x0a;
const N = 0x6e;
const ZERO = 0x30;
const MINUS = 0x2d;

/** Label values longer than this (UTF-16 units) are encoded by Node in one call, shorter ones here. */
const LONG_VALUE = 32;

/** UTF-8 bytes of a constant piece of text (names, label prefixes, `le` values). */
export function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** Most bytes one UTF-16 unit of a label value can take: 3 in UTF-8; an escaped ASCII one takes 2. */
export const MAX_BYTES_PER_UNIT = 3;
/** Most bytes formatValue writes: `-1.7976931348623157e+308` is 24. */
export const MAX_VALUE_BYTES = 24;

export function putBytes(buf: Buffer, pos: number, b: Uint8Array): number {
  return putPrefix(buf, pos, b, b.length);
}

/** The first n bytes of `b`. */
export function putPrefix(buf: Buffer, pos: number, b: Uint8Array, n: number): number {
  for (let i = 0; i < n; i++) buf[pos + i] = b[i]!;
  return pos + n;
}

/**
 * A label value escaped as escapeLabelValue does (backslash, double quote, line feed), in UTF-8.
 * Short ASCII goes byte by byte (a call into Node costs more than the copy); from the first other
 * unit on, and for long values, Node's encoder writes it (lone surrogates become U+FFFD, as
 * Buffer.from makes them).
 */
export function putLabelValue(buf: Buffer, pos: number, s: string): number {
  // A long value is copied by Node's encoder in one call: byte by byte, 1 KB values made a
  // render several times slower.
  if (s.length > LONG_VALUE) return pos + buf.write(escapeLabelValue(s), pos, 'utf8');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return pos + buf.write(escapeLabelValue(s.slice(i)), pos, 'utf8');
    if (c === BACKSLASH || c === QUOTE) buf[pos++] = BACKSLASH;
    else if (c === LINE_FEED) {
      buf[pos++] = BACKSLASH;
      buf[pos++] = N;
      continue;
    }
    buf[pos++] = c;
  }
  return pos;
}

/**
 * formatValue(v) as bytes. Whole numbers under 1e6 (almost every counter and bucket count) are
 * written digit by digit, with no string in between; the others through formatValue (ASCII).
 */
export function putValue(buf: Buffer, pos: number, v: number): number {
  if (v > -1e6 && v < 1e6 && Math.floor(v) === v) {
    if (v < 0) {
      buf[pos++] = MINUS;
      v = -v;
    }
    const digits = v < 10 ? 1 : v < 100 ? 2 : v < 1e3 ? 3 : v < 1e4 ? 4 : v < 1e5 ? 5 : 6;
    const end = pos + digits;
    for (let p = end - 1; p >= pos; p--) {
      const d = v % 10;
      buf[p] = ZERO + d;
      v = (v - d) / 10;
    }
    return end;
  }
  const s = formatValue(v);
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}
