import { runCheck } from '../src/check';
import type { RunningDemo } from '../src/start';
import { startTestDemo } from './support/demo';

describe('teleport-otel check against the running demo', () => {
  let demo: RunningDemo;
  const lines: string[] = [];
  const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };

  beforeAll(async () => {
    demo = await startTestDemo();
  });
  afterAll(() => demo.stop());

  it('exits 0 for every component', async () => {
    const code = await runCheck([`${demo.diag.url}/metrics`], io);
    expect({ code, report: lines.join('\n') }).toMatchObject({ code: 0 });
  });
});
