import { createHash } from 'node:crypto';
import type { DropReason } from './problems';

/** Longest label value kept; longer ones are shortened (and counted), so one caller cannot pin megabytes per series. */
export const MAX_LABEL_VALUE_LENGTH = 4096;

/** Hex digits of the SHA-256 kept in a shortened value: 64 bits, so distinct values stay distinct series. */
const HASH_HEX = 16;
const HASH_MARK = '...[sha256:';

export type CoerceReport = (reason: DropReason, detail: unknown) => void;

/**
 * The canonical string for one present label value (the caller handles a missing one): the only
 * place a label value is judged. Strings pass unchanged unless too long or malformed UTF-16;
 * numbers, booleans and bigints become their decimal text; anything else (objects, symbols,
 * functions) becomes "". Every change is reported.
 */
export function canonicalLabelValue(raw: unknown, report: CoerceReport): string {
  if (typeof raw === 'string') {
    let v = raw;
    if (v.length > MAX_LABEL_VALUE_LENGTH) {
      report('label_too_long', `${v.length} chars`);
      v = shortened(v);
    }
    if (!v.isWellFormed()) {
      report('label_malformed_unicode', v);
      v = v.toWellFormed();
    }
    return v;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') {
    report('label_not_string', raw);
    return String(raw);
  }
  report('label_not_string', typeof raw);
  return '';
}

/**
 * A value over the limit as `<prefix>...[sha256:<16 hex>]`, exactly MAX_LABEL_VALUE_LENGTH units
 * at most: the prefix (never cutting a surrogate pair) keeps it readable, the hash of the whole
 * value's UTF-8 keeps two long values that share a prefix apart (recompute it with
 * `printf %s "$value" | sha256sum`).
 * The result is a fresh copy: `slice` makes a V8 sliced string that keeps the whole original
 * (megabytes) alive for as long as the series lives, and a concatenation keeps that slice.
 * A UTF-16 round trip through a Buffer yields a flat, one-byte-where-possible string.
 */
function shortened(v: string): string {
  const digest = createHash('sha256').update(v, 'utf8').digest('hex').slice(0, HASH_HEX);
  const suffix = `${HASH_MARK}${digest}]`;
  let cut = MAX_LABEL_VALUE_LENGTH - suffix.length;
  if (isHighSurrogate(v.charCodeAt(cut - 1))) cut--;
  return Buffer.from(v.slice(0, cut) + suffix, 'utf16le').toString('utf16le');
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}
