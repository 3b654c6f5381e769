/**
 * `teleport-otel check` (the built CLI, in a child process) against a fresh, correctly
 * instrumented service: every catalog group registered, nothing recorded yet, so its labelled
 * families have no series and are absent, as client_golang leaves empty vectors out. That must
 * pass. A URL that is not a /metrics endpoint must fail in one line.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { groups } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { startDiag, type Diag } from '@teleport-otel/diag';

const BIN = join(__dirname, '../dist/bin.js');

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (err, out, errOut) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, err: errOut })
    );
  });
}

describe('check on a fresh service', () => {
  let diag: Diag;
  beforeAll(async () => {
    diag = await startDiag({ addr: '127.0.0.1:0' });
    for (const group of Object.values(groups)) createInstruments(group, { meterProvider: diag.meterProvider });
  });
  afterAll(() => diag.close());

  it('passes: labelled families without series yet are noted, not MISSING (exit 0)', async () => {
    const r = await cli(['check', `${diag.url}/metrics`]);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out).not.toContain('MISSING');
    expect(r.out).toMatch(/^OK: .* labelled families without series yet \(--verbose lists them\)/m);
    const verbose = await cli(['check', `${diag.url}/metrics`, '--verbose', '-c', 'auth']);
    expect(verbose.code).toBe(0);
    expect(verbose.out).toMatch(/^NO_SERIES_YET \S+ has no series yet/m);
    // -c auth leaves out the gRPC interceptor group.
    expect(verbose.out).not.toContain('grpc_server_');
  });

  it('a URL that does not serve Prometheus text fails in one line, exit 1', async () => {
    const r = await cli(['check', `${diag.url}/healthz`]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL: http:\/\/127\.0\.0\.1:\d+\/healthz: not a Prometheus text exposition: [^\n]+\n$/);
    expect(r.out).not.toContain('present');
  });
});
