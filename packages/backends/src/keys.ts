/**
 * Key prefixes whose second part names a secret (a join token, a reset-password token, a U2F
 * challenge, an access request id). Teleport masks that part before it becomes a label value.
 */
export const SENSITIVE_KEY_PREFIXES: readonly string[] = Object.freeze([
  'tokens',
  'resetpasswordtokens',
  'adduseru2fchallenges',
  'access_requests',
]);

/**
 * Hides the first 75% of a key name behind '*' (rounded down), keeping the tail so that operators
 * can still tell keys apart: 'abcdefgh' -> '******gh'. Counts characters (code points); Teleport
 * counts bytes, which is the same for the ASCII names these keys use.
 */
export function maskKeyName(name: string): string {
  // Code points, so a masked name never ends in half a surrogate pair; the plain path is for the
  // usual case of names without astral characters.
  if (!SURROGATE.test(name)) {
    const hidden = Math.floor(0.75 * name.length);
    return '*'.repeat(hidden) + name.slice(hidden);
  }
  const chars = Array.from(name);
  const hidden = Math.floor(0.75 * chars.length);
  return '*'.repeat(hidden) + chars.slice(hidden).join('');
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The `req` label of backend_requests for a backend key, shaped as Teleport's Reporter does: the
 * key split on '/', cut to its first 3 parts ('/nodes/default/<uuid>' -> '/nodes/default') so the
 * label set stays small, and for '/<sensitive prefix>/<name>' the name masked. Returns undefined
 * for an empty key, which Teleport does not track.
 */
export function requestKeyLabel(key: string, sensitivePrefixes: readonly string[] = SENSITIVE_KEY_PREFIXES): string | undefined {
  if (key.length === 0) return undefined;
  // Separator positions instead of split/join: this runs on every tracked backend call.
  const first = key.indexOf('/');
  const second = first === -1 ? -1 : key.indexOf('/', first + 1);
  if (second === -1) return key; // one or two parts
  const third = key.indexOf('/', second + 1);
  const label = third === -1 ? key : key.slice(0, third);
  if (first === 0 && sensitivePrefixes.includes(key.slice(1, second))) {
    return label.slice(0, second + 1) + maskKeyName(label.slice(second + 1));
  }
  return label;
}
