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
  const chars = Array.from(name);
  const hidden = Math.floor(0.75 * chars.length);
  return '*'.repeat(hidden) + chars.slice(hidden).join('');
}

/**
 * The `req` label of backend_requests for a backend key, shaped as Teleport's Reporter does: the
 * key split on '/', cut to its first 3 parts ('/nodes/default/<uuid>' -> '/nodes/default') so the
 * label set stays small, and for '/<sensitive prefix>/<name>' the name masked. Returns undefined
 * for an empty key, which Teleport does not track.
 */
export function requestKeyLabel(key: string, sensitivePrefixes: readonly string[] = SENSITIVE_KEY_PREFIXES): string | undefined {
  if (key.length === 0) return undefined;
  const parts = key.split('/', 3);
  if (parts.length === 3 && parts[0] === '' && sensitivePrefixes.includes(parts[1]!)) parts[2] = maskKeyName(parts[2]!);
  return parts.join('/');
}
