import { instance, promhttp } from '@teleport-otel/catalog';
import { parseExposition, startDiag, type Diag } from '@teleport-otel/diag';

describe('promhttp_* self-metrics counted by the /metrics handler', () => {
  let diag: Diag;
  beforeAll(async () => {
    diag = await startDiag({ addr: '127.0.0.1:0', version: '9.9.9', gitref: 'v9.9.9-0-gabc' });
  });
  afterAll(() => diag.close());

  const scrape = async () => parseExposition(await (await fetch(`${diag.url}/metrics`)).text());
  const total = (families: Awaited<ReturnType<typeof scrape>>, code: string) =>
    families.get(promhttp.requestsTotal.name)!.samples.find((s) => s.labels.code === code)!.value;

  it('presents codes 200, 500 and 503 at 0 on the first scrape (a scrape is counted after it answers)', async () => {
    const f = await scrape();
    const codes = promhttp.requestsTotal.examples.code;
    expect(Object.fromEntries(codes.map((code) => [code, total(f, code)]))).toEqual(
      Object.fromEntries(codes.map((code) => [code, 0]))
    );
    expect([...codes].sort()).toEqual(['200', '500', '503']);
  });

  it('raises requests_total{code="200"} by exactly one per scrape', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) counts.push(total(await scrape(), '200'));
    expect(counts.slice(1).map((c, i) => c - counts[i]!)).toEqual([1, 1, 1, 1]);
  });

  it('shows its own scrape in flight', async () => {
    const f = await scrape();
    expect(f.get(promhttp.requestsInFlight.name)!.samples[0]!.value).toBe(1);
  });

  it('exposes teleport_build_info = 1 with version, gitref and the Node.js version as goversion', async () => {
    const s = (await scrape()).get(instance.buildInfo.name)!.samples[0]!;
    expect(s.value).toBe(1);
    expect(s.labels).toEqual({ version: '9.9.9', gitref: 'v9.9.9-0-gabc', goversion: process.version });
  });
});
