/**
 * The credential check of /metrics (docs/security.md: "SHA-256 digests of the presented and
 * expected credential, compared with crypto.timingSafeEqual"). Over a real socket: the right
 * credential is served and every wrong one is refused 401, whatever its length (every prefix,
 * longer strings, one character changed at each position). Then the check itself: each request,
 * refused or not and whatever it presents, costs exactly one timingSafeEqual of two 32-byte
 * digests, so neither the content nor the length of a guess changes the work done.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Diag } from '@teleport-otel/diag';
import { createMetricsGuard } from '../src/security/auth';
import { closeStarted, send, start } from './server-harness';

const TOKEN = 'Zk3-token_value';
const USER = 'prometheus';
const PASSWORD = 'pa:ss word';

/** Wrong credentials next to `right`: every prefix, 1 to 8 more characters, one character changed at each position. */
function near(right: string): string[] {
  const out: string[] = [];
  for (let n = 0; n < right.length; n++) out.push(right.slice(0, n));
  for (let n = 1; n <= 8; n++) out.push(right + 'x'.repeat(n));
  for (let i = 0; i < right.length; i++) {
    const c = right.charCodeAt(i);
    out.push(right.slice(0, i) + String.fromCharCode(c === 0x41 ? 0x42 : 0x41) + right.slice(i + 1));
  }
  return out;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

afterAll(closeStarted);

describe('over a real socket', () => {
  let bearer: Diag;
  let basicAuth: Diag;
  beforeAll(async () => {
    bearer = await start({ bearerToken: TOKEN });
    basicAuth = await start({ basicAuth: { username: USER, password: PASSWORD } });
  });

  const status = async (d: Diag, authorization: string) => (await send(d, '/metrics', { headers: { authorization } })).status;

  it('a bearer token: the right one is served; every prefix, longer string and same-length variant is refused', async () => {
    expect(await status(bearer, `Bearer ${TOKEN}`)).toBe(200);
    const wrong = near(TOKEN);
    expect(wrong.filter((t) => t.length === TOKEN.length)).toHaveLength(TOKEN.length); // same-length guesses are there
    const answers: Record<string, number> = {};
    for (const t of wrong) answers[t] = await status(bearer, `Bearer ${t}`);
    expect(answers).toEqual(Object.fromEntries(wrong.map((t) => [t, 401])));
  });

  it('basic auth: the right pair is served; a wrong password or user of any length is refused', async () => {
    expect(await status(basicAuth, basic(USER, PASSWORD))).toBe(200);
    const guesses = [...near(PASSWORD).map((p) => [USER, p]), ...near(USER).map((u) => [u, PASSWORD])];
    const answers: Record<string, number> = {};
    for (const [u, p] of guesses) answers[`${u}:${p}`] = await status(basicAuth, basic(u!, p!));
    expect(answers).toEqual(Object.fromEntries(guesses.map(([u, p]) => [`${u}:${p}`, 401])));
  });
});

describe('the comparison', () => {
  const request = (authorization?: string) =>
    ({ headers: authorization === undefined ? {} : { authorization }, socket: {} } as unknown as IncomingMessage);

  it('every check, whatever is presented, is one timingSafeEqual of two 32-byte digests', () => {
    // The module object itself (the product calls it through its CommonJS binding at call time).
    const compare = jest.spyOn(require('node:crypto') as typeof import('node:crypto'), 'timingSafeEqual');
    try {
      const guard = createMetricsGuard({ bearerToken: TOKEN })!;
      const presented = [undefined, 'Basic abc', 'Bearer', `Bearer ${TOKEN}`, ...near(TOKEN).map((t) => `Bearer ${t}`)];
      for (const authorization of presented) {
        compare.mockClear();
        const refusal = guard(request(authorization));
        expect([authorization, refusal?.code ?? 200]).toEqual([authorization, authorization === `Bearer ${TOKEN}` ? 200 : 401]);
        expect(compare).toHaveBeenCalledTimes(1);
        const [a, b] = compare.mock.calls[0]! as [Buffer, Buffer];
        expect([a.length, b.length]).toEqual([32, 32]);
        // The digest of what was presented against the digest of the credential, never the strings.
        expect(b.equals(createHash('sha256').update(TOKEN).digest())).toBe(true);
      }
    } finally {
      compare.mockRestore();
    }
  });
});
