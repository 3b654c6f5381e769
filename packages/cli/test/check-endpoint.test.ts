import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { catalog, groups } from '@teleport-otel/catalog';
import { startDiag, type Diag } from '@teleport-otel/diag';
import { checkEndpoint, runCheck, type CheckIO, type CheckResult } from '../src/check';
import { dropFamily, exposition, recordEvery, retype } from './check-helpers';

/** Runs the command and captures what it prints. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CheckIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await runCheck(argv, io);
  return { code, out, err };
}

/** A plain HTTP server on 127.0.0.1:0 answering with `handler`. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const close = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });

describe('check against a real diag endpoint', () => {
  const registered = ['audit', 'backend', 'dynamo', 'cache'];
  let diag: Diag;
  beforeAll(async () => {
    diag = await startDiag({ addr: '127.0.0.1:0' });
    recordEvery(registered, diag.meterProvider);
  });
  afterAll(() => diag.close());

  test('registered components conform: exit 0', async () => {
    const r = await run([`${diag.url}/metrics`, '--component', 'audit']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^OK: /m);
    // Groups and comma lists; HOST:PORT without scheme or path, as Teleport's --diag-addr.
    const hostPort = diag.url.replace('http://', '');
    expect((await run([hostPort, '-c', 'backend,dynamo', '--component', 'cache'])).code).toBe(0);
  });

  test('a component whose families were not registered: exit 1, naming each family', async () => {
    const r = await run([`${diag.url}/metrics`, '--component', 'audit,backends']);
    expect(r.code).toBe(1);
    // Unlabelled families must be there; labelled ones may lack series (client_golang hides empty vectors).
    const unregistered = catalog.filter((e) => e.package === 'backends' && !registered.includes(e.group) && !e.labels.length);
    expect(unregistered.length).toBeGreaterThan(0);
    for (const e of unregistered) expect(r.out).toContain(`MISSING ${e.name} (backends/${e.group})`);
    for (const e of Object.values(groups.audit!)) expect(r.out).not.toContain(e.name);
    expect(r.out).toMatch(/^FAIL: .* in backends(; [^\n]*)?$/m);
  });

  test('--json parses, and its problems match the library result', async () => {
    const r = await run([`${diag.url}/metrics`, '--component', 'backends', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as CheckResult & { url: string };
    const lib = await checkEndpoint(`${diag.url}/metrics`, { components: ['backends'] });
    expect(doc).toMatchObject({ ok: false, url: `${diag.url}/metrics`, components: ['backends'] });
    expect(doc.problems).toEqual(JSON.parse(JSON.stringify(lib.problems)));
    const missing = doc.problems
      .filter((p) => p.kind === 'missing')
      .map((p) => p.family)
      .sort();
    expect(missing).toEqual(
      catalog
        .filter((e) => e.package === 'backends' && !registered.includes(e.group) && !e.labels.length)
        .map((e) => e.name)
        .sort()
    );
    expect(doc.summary).toEqual([expect.objectContaining({ component: 'backends', ok: false, missing: missing.length })]);

    const ok = JSON.parse((await run([`${diag.url}/metrics`, '-c', 'audit', '--json'])).out);
    expect(ok).toMatchObject({ ok: true, components: ['audit'] });
  });
});

describe('check against hand-made broken endpoints', () => {
  const entry = groups.audit!.emitEvents; // any required, unlabelled family
  let good: string;
  let body = '';
  let seenAuth: string | undefined;
  let served: { url: string; server: Server };
  beforeAll(async () => {
    good = await exposition(['audit']);
    // Always gzip: proves the scraper decodes it.
    served = await serve((req, res) => {
      seenAuth = req.headers.authorization;
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(body));
    });
  });
  afterAll(() => close(served.server));

  test.each([
    ['dropped', () => dropFamily(good, entry), `MISSING ${entry.name}`],
    ['retyped', () => retype(good, entry.name, 'gauge'), `WRONG_TYPE ${entry.name}: expected ${entry.type}, got gauge`],
  ])('%s family: exit 1 naming it', async (_what, make, line) => {
    body = make();
    const r = await run([`${served.url}/metrics`, '-c', 'audit', '--bearer', 's3cret']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(line);
    expect(seenAuth).toBe('Bearer s3cret');
  });

  test('the conforming text from the same server: exit 0', async () => {
    body = good;
    expect((await run([`${served.url}/metrics`, '-c', 'audit'])).code).toBe(0);
  });
});

describe('usage and connection errors: exit 2 with one line naming the URL', () => {
  test('connection refused', async () => {
    const { url, server } = await serve((_q, s) => s.end());
    await close(server); // the port is now closed
    const r = await run([`${url}/metrics`]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`teleport-otel check: ${url}/metrics: connection refused\n`);
  });

  test('HTTP 404 and a timeout', async () => {
    const { url, server } = await serve((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(404).end('404 page not found\n');
    });
    try {
      const notFound = await run([`${url}/nope`]);
      expect(notFound.code).toBe(2);
      expect(notFound.err).toContain(`${url}/nope: HTTP 404`);
      const slow = await run([`${url}/slow`, '--timeout', '0.2', '--json']);
      expect(slow.code).toBe(2);
      expect(slow.err).toContain(`${url}/slow: timed out after 0.2 s`);
      expect(JSON.parse(slow.out)).toMatchObject({ ok: false, url: `${url}/slow` });
    } finally {
      await close(server);
    }
  });

  test.each([
    [[], 'missing URL'],
    [['http://127.0.0.1:1/metrics', '--component', 'no-such-component'], 'unknown component "no-such-component"'],
    [['ftp://example/metrics'], 'only http and https'],
    [['http://127.0.0.1:1/metrics', '--timeout', 'soon'], 'invalid --timeout'],
    [['http://127.0.0.1:1/metrics', '--no-such-flag'], 'no-such-flag'],
  ])('%j', async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test('--help prints usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of Object.keys(groups)) expect(r.out).toContain(c);
  });
});
