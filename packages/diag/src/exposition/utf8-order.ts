/**
 * Orders two distinct strings as Go compares them: by their UTF-8 bytes, which is code point
 * order. client_golang sorts a family's series that way. JavaScript's `<` compares UTF-16 code
 * units, which agrees except where one string has a surrogate (a character above U+FFFF) and the
 * other a unit in U+E000-U+FFFF at the first difference: UTF-16 puts the surrogate first, UTF-8
 * last. So only a first difference where both units are >= 0xD800 needs the fix-up, which moves
 * surrogates above every other unit (a well-known code point order for UTF-16).
 */
export function compareUtf8(x: string, y: string): number {
  const n = x.length < y.length ? x.length : y.length;
  for (let i = 0; i < n; i++) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(i);
    if (a === b) continue;
    if (a < 0xd800 || b < 0xd800) return a - b;
    return codePointRank(a) - codePointRank(b);
  }
  return x.length - y.length;
}

/** A unit >= 0xD800 ranked in code point order: surrogates after U+E000-U+FFFF. */
function codePointRank(u: number): number {
  return u < 0xe000 ? u + 0x2000 : u - 0x800;
}
