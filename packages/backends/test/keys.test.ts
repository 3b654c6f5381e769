import { backend } from '@teleport-otel/catalog';
import { maskKeyName, requestKeyLabel, SENSITIVE_KEY_PREFIXES } from '@teleport-otel/backends';
import fc from 'fast-check';

// The catalog's typical `req` values (from Teleport's source notes), e.g. '/nodes/default' and
// '/tokens/******ab (masked)'.
const reqExamples = backend.requests.examples.req;
const maskedExample = reqExamples.find((r) => r.includes('*'))!.split(' ')[0]!; // '/tokens/******ab'
const plainExample = reqExamples.find((r) => !r.includes('*') && !r.includes('<'))!; // '/nodes/default'

describe('maskKeyName', () => {
  test('hides the first 75% of the name (rounded down) and keeps the tail', () => {
    expect(maskKeyName('abcdefgh')).toBe('******gh');
    expect(maskKeyName('abcd')).toBe('***d');
    expect(maskKeyName('abc')).toBe('**c'); // floor(2.25) = 2
    expect(maskKeyName('ab')).toBe('*b');
    expect(maskKeyName('a')).toBe('a'); // floor(0.75) = 0
    expect(maskKeyName('')).toBe('');
    // Characters, not UTF-16 units: an emoji is one character and is never cut in half.
    expect(maskKeyName('😀😀😀😀')).toBe('***😀');
  });

  test('the mask length is floor(0.75 * n) for every length up to 64', () => {
    for (let n = 0; n <= 64; n++) {
      const masked = maskKeyName('k'.repeat(n));
      expect(masked.length).toBe(n);
      expect(masked.indexOf('k') === -1 ? n : masked.indexOf('k')).toBe(Math.floor(0.75 * n));
    }
  });
});

describe('requestKeyLabel (backend_requests req label)', () => {
  test('reproduces the catalog example of a masked token key', () => {
    const [, prefix, masked] = maskedExample.split('/');
    const kept = masked!.replace(/\*/g, '');
    const name = 'x'.repeat(masked!.length - kept.length) + kept; // a name of the same length and tail
    expect(requestKeyLabel(`/${prefix}/${name}`)).toBe(maskedExample);
  });

  test('cuts keys to their first three parts, as the catalog example /nodes/default', () => {
    expect(requestKeyLabel(`${plainExample}/5c1a2b7e-8f3d-4c2a-9f00-1234567890ab`)).toBe(plainExample);
    expect(requestKeyLabel(`${plainExample}/a/b/c`)).toBe(plainExample);
    expect(requestKeyLabel(plainExample)).toBe(plainExample);
    expect(requestKeyLabel('/nodes')).toBe('/nodes');
  });

  test('masks the name under every sensitive prefix, and only there', () => {
    for (const prefix of SENSITIVE_KEY_PREFIXES) {
      expect(requestKeyLabel(`/${prefix}/abcdefgh`)).toBe(`/${prefix}/******gh`);
      // A deeper key is first cut to 3 parts, then its name is masked.
      expect(requestKeyLabel(`/${prefix}/abcd/params`)).toBe(`/${prefix}/***d`);
    }
    expect(requestKeyLabel('/users/alice/params')).toBe('/users/alice');
    // Without the leading separator the first part is not empty: not the '/<prefix>/<name>' shape.
    expect(requestKeyLabel('tokens/abcdefgh')).toBe('tokens/abcdefgh');
  });

  test('equals the plain statement of the rule (split, keep 3 parts, mask /<prefix>/<name>) for any key', () => {
    const reference = (key: string): string | undefined => {
      if (key === '') return undefined;
      const parts = key.split('/').slice(0, 3);
      if (parts.length === 3 && parts[0] === '' && SENSITIVE_KEY_PREFIXES.includes(parts[1]!)) {
        const name = Array.from(parts[2]!);
        const hidden = Math.floor(0.75 * name.length);
        parts[2] = '*'.repeat(hidden) + name.slice(hidden).join('');
      }
      return parts.join('/');
    };
    const segment = fc.oneof(fc.constantFrom('', ...SENSITIVE_KEY_PREFIXES, 'nodes', 'default'), fc.string({ unit: 'grapheme' }));
    const key = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(key, (k) => requestKeyLabel(k) === reference(k)),
      { numRuns: 2000 }
    );
  });

  test('an empty key is not tracked', () => {
    expect(requestKeyLabel('')).toBeUndefined();
  });

  test('custom sensitive prefixes replace the defaults', () => {
    expect(requestKeyLabel('/secrets/abcdefgh', ['secrets'])).toBe('/secrets/******gh');
    expect(requestKeyLabel('/tokens/abcdefgh', ['secrets'])).toBe('/tokens/abcdefgh');
  });
});
