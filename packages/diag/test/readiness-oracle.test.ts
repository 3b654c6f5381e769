/**
 * Readiness against an independent oracle: Teleport's /readyz table and process_state values
 * (lib/service/state.go, as /work/shared/reference/teleport-diag-and-exposition.md records them),
 * written out literally here rather than taken from READYZ/PROCESS_STATES, so a swapped value or
 * message in the code under test fails.
 */
import { self } from '@teleport-otel/catalog';
import { parseExposition, Readiness, startDiag, type Diag } from '@teleport-otel/diag';

/** Teleport's table: state -> process_state value, /readyz code and body. */
const TELEPORT = {
  ok: { processState: 0, code: 200, body: '{"status":"ok"}' },
  recovering: {
    processState: 1,
    code: 400,
    body: '{"status":"teleport is recovering from a degraded state, check logs for details"}',
  },
  degraded: { processState: 2, code: 503, body: '{"status":"teleport is in a degraded state, check logs for details"}' },
  starting: { processState: 3, code: 400, body: '{"status":"teleport is starting and hasn\'t joined the cluster yet"}' },
} as const;

/** Teleport: recovering -> ok only if now - recoveryTime > 2 x HeartbeatCheckPeriod (5 s), i.e. strictly more than 10 s. */
const TELEPORT_RECOVERY_MS = 10_000;

describe('the recovery boundary (strictly more than the recovery period)', () => {
  it('an OK exactly recoveryMs after recovery began stays recovering; one ms more is ok', () => {
    let now = 1_000;
    const r = new Readiness(undefined, () => now); // the default period must be Teleport's 10 s
    r.heartbeat('auth', true);
    r.heartbeat('auth', false);
    expect(r.state).toBe('degraded');
    r.heartbeat('auth', true); // recovery begins at 1_000
    expect(r.state).toBe('recovering');
    now = 1_000 + TELEPORT_RECOVERY_MS;
    r.heartbeat('auth', true);
    expect(r.state).toBe('recovering');
    now += 1;
    r.heartbeat('auth', true);
    expect(r.state).toBe('ok');
  });

  it('a failed heartbeat during recovery degrades again and restarts the period', () => {
    let now = 0;
    const r = new Readiness(TELEPORT_RECOVERY_MS, () => now);
    r.heartbeat('proxy', true);
    r.heartbeat('proxy', false);
    r.heartbeat('proxy', true); // recovering from 0
    now = 8_000;
    r.heartbeat('proxy', false);
    expect(r.state).toBe('degraded');
    r.heartbeat('proxy', true); // recovering from 8_000
    now = 8_000 + TELEPORT_RECOVERY_MS;
    r.heartbeat('proxy', true);
    expect(r.state).toBe('recovering');
    now += 1;
    r.heartbeat('proxy', true);
    expect(r.state).toBe('ok');
  });
});

describe('/readyz and process_state through heartbeat() on a started diag, scraped over HTTP', () => {
  let diag: Diag;
  beforeAll(async () => {
    // A long recovery period keeps `recovering` stable on a loaded machine.
    diag = await startDiag({ addr: '127.0.0.1:0', recoveryMs: 3_600_000 });
  });
  afterAll(() => diag.close());

  async function scrape(): Promise<{ code: number; body: string; processState: number | undefined }> {
    const res = await fetch(`${diag.url}/readyz`);
    const body = await res.text();
    const families = parseExposition(await (await fetch(`${diag.url}/metrics`)).text());
    return { code: res.status, body, processState: families.get(self.processState.name)?.samples[0]?.value };
  }
  const expected = (s: keyof typeof TELEPORT) => ({
    code: TELEPORT[s].code,
    body: TELEPORT[s].body,
    processState: TELEPORT[s].processState,
  });

  it('walks starting -> ok -> degraded -> recovering with Teleport codes, bodies and process_state', async () => {
    expect(await scrape()).toEqual(expected('starting'));
    diag.readiness.heartbeat('auth', true);
    expect(await scrape()).toEqual(expected('ok'));
    diag.readiness.heartbeat('proxy', true);
    diag.readiness.heartbeat('proxy', false);
    expect(await scrape()).toEqual(expected('degraded'));
    diag.readiness.heartbeat('proxy', true);
    expect(await scrape()).toEqual(expected('recovering'));
    diag.readiness.heartbeat('auth', false); // degraded wins over recovering
    expect(await scrape()).toEqual(expected('degraded'));
  });
});
