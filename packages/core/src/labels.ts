import type { DropReason } from './problems';

/** Longest label value kept; longer ones are truncated (and counted), so one caller cannot pin megabytes per series. */
export const MAX_LABEL_VALUE_LENGTH = 4096;

export type CoerceReport = (reason: DropReason, detail: unknown) => void;

/**
 * The canonical string for one label value: the only place label input is judged. Strings pass
 * unchanged unless too long or malformed UTF-16; numbers, booleans and bigints become their
 * decimal text; anything else (undefined, null, objects) becomes "". Every change is reported.
 */
export function canonicalLabelValue(raw: unknown, report: CoerceReport): string {
  if (typeof raw === 'string') {
    let v = raw;
    if (v.length > MAX_LABEL_VALUE_LENGTH) {
      report('label_too_long', `${v.length} chars`);
      // Never cut a surrogate pair in half: the kept prefix stays well-formed text.
      const cut = isHighSurrogate(v.charCodeAt(MAX_LABEL_VALUE_LENGTH - 1)) ? MAX_LABEL_VALUE_LENGTH - 1 : MAX_LABEL_VALUE_LENGTH;
      v = v.slice(0, cut);
    }
    if (!v.isWellFormed()) {
      report('label_malformed_unicode', v);
      v = v.toWellFormed();
    }
    return v;
  }
  if (raw === undefined || raw === null) {
    report('label_missing', raw);
    return '';
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') {
    report('label_not_string', raw);
    return String(raw);
  }
  report('label_not_string', typeof raw);
  return '';
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
