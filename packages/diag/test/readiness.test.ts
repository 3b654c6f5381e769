import { PROCESS_STATES, Readiness, READYZ, startDiag, type Diag } from '@teleport-otel/diag';
import { self } from '@teleport-otel/catalog';
import { parseExposition } from '@teleport-otel/diag';

describe('Readiness follows Teleport state machine', () => {
  let now = 0;
  const clock = () => now;

  it('is starting with no components, and while any component has not reported', () => {
    const r = new Readiness(10_000, clock);
    expect(r.state).toBe('starting');
    r.register('auth');
    r.register('proxy');
    r.ok('auth');
    expect(r.state).toBe('starting');
    r.ok('proxy');
    expect(r.state).toBe('ok');
  });

  it('declaring a component again keeps the state it reached', () => {
    const r = new Readiness(10_000, clock);
    r.register('auth');
    r.ok('auth');
    r.register('auth');
    expect(r.state).toBe('ok');
  });

  it('subscribe hands the overall state at once, then after every event', () => {
    const r = new Readiness(10_000, clock);
    const seen: string[] = [];
    r.subscribe((s) => seen.push(s));
    r.register('auth');
    r.ok('auth');
    r.degraded('auth');
    expect(seen).toEqual(['starting', 'starting', 'ok', 'degraded']);
  });

  it('degraded always wins; recovery needs an OK more than the recovery period after it began', () => {
    now = 0;
    const r = new Readiness(10_000, clock);
    r.ok('auth');
    r.ok('proxy');
    r.degraded('proxy');
    expect(r.state).toBe('degraded');
    now = 1_000;
    r.ok('proxy');
    expect(r.state).toBe('recovering');
    now = 5_000;
    r.ok('proxy');
    expect(r.state).toBe('recovering');
    now = 11_001;
    r.ok('proxy');
    expect(r.state).toBe('ok');
    r.degraded('auth');
    r.degraded('proxy');
    now = 12_000;
    r.ok('auth');
    expect(r.state).toBe('degraded');
  });

  it('a failed heartbeat from a component never declared degrades it; its next OK begins its recovery', () => {
    now = 0;
    const r = new Readiness(10_000, clock);
    r.degraded('auth');
    expect(r.state).toBe('degraded');
    r.ok('auth');
    expect(r.state).toBe('recovering');
  });
});

describe('/readyz and process_state', () => {
  let diag: Diag;
  beforeAll(async () => {
    diag = await startDiag({ addr: '127.0.0.1:0', recoveryMs: 0 });
  });
  afterAll(() => diag.close());

  async function observe(): Promise<{ code: number; body: unknown; state: number }> {
    const res = await fetch(`${diag.url}/readyz`);
    const body = JSON.parse(await res.text());
    const families = parseExposition(await (await fetch(`${diag.url}/metrics`)).text());
    const state = families.get(self.processState.name)!.samples[0]!.value;
    return { code: res.status, body, state };
  }

  it('answers each state with Teleport code and message, process_state in step', async () => {
    const seen: Record<string, unknown> = {};
    seen.starting = await observe();
    diag.readiness.ok('auth');
    seen.ok = await observe();
    diag.readiness.degraded('auth');
    seen.degraded = await observe();
    diag.readiness.ok('auth');
    seen.recovering = await observe();
    for (const state of ['starting', 'ok', 'degraded', 'recovering'] as const) {
      expect(seen[state]).toEqual({
        code: READYZ[state].code,
        body: { status: READYZ[state].status },
        state: PROCESS_STATES[state],
      });
    }
    expect(READYZ.degraded.code).toBe(503);
    expect([READYZ.ok.code, READYZ.recovering.code, READYZ.starting.code]).toEqual([200, 400, 400]);
  });

  it('serves /healthz as 200 {"status":"ok"} JSON with no trailing newline', async () => {
    const res = await fetch(`${diag.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"status":"ok"}');
  });

  it('answers 404 on other paths and 405 on other methods', async () => {
    expect((await fetch(`${diag.url}/`)).status).toBe(404);
    expect((await fetch(`${diag.url}/metricsx`)).status).toBe(404);
    const post = await fetch(`${diag.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${diag.url}/metrics?format=x`)).status).toBe(200);
    const head = await fetch(`${diag.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
