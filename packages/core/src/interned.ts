/**
 * `s` as V8's internalized string: the copy V8 keeps in its string table, which it allocates
 * outside the young generation. A series keeps its label values as long as it lives, and the
 * caller's are usually fresh strings (a concatenation, a parsed header) in the young generation:
 * 100k series created in a burst left ~3 MB of them for the next scavenges to copy and then
 * promote, on top of the cells, and those scavenges (8-15 ms) landed in the next scrapes. Kept
 * internalized, the first 100k-series scrape held the event loop ~7 ms instead of ~15 ms.
 *
 * Property keys are internalized, so a one-key object hands the internalized copy back; no API
 * asks for it directly (hence by hand). Null prototype: '__proto__' is then a key like any other.
 * The content is the same either way (an array-index key such as '42' comes back as a new string
 * of the same digits); only where V8 keeps the bytes differs.
 */
export function interned(s: string): string {
  const holder: Record<string, 0> = Object.create(null);
  holder[s] = 0;
  for (const key in holder) return key;
  return s;
}
