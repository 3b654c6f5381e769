import { catalog } from '@teleport-otel/catalog';
import type { RunningDemo } from '../src/start';
import { scrape, startTestDemo } from './support/demo';
import { promtoolCheckMetrics, requireTool } from '../../../test-support/tools';

const promtool = requireTool('promtool');
const maybe = promtool.skip ? it.skip : it;

/**
 * The only lint findings allowed are the ones Teleport's own exposition has: counters named
 * without `_total` and gauges named with it. Both lists come from the catalog.
 */
function allowedFinding(line: string): boolean {
  const m = /^(\S+) (.*)$/.exec(line);
  if (!m) return false;
  const entry = catalog.find((e) => e.name === m[1]);
  if (!entry) return false;
  if (entry.type === 'counter' && !entry.name.endsWith('_total'))
    return /counter metrics should have "_total" suffix/.test(m[2]!);
  if (entry.type !== 'counter' && entry.name.endsWith('_total'))
    return /non-counter metrics should not have "_total" suffix/.test(m[2]!);
  return false;
}

describe('promtool check metrics on a scrape of the demo', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startTestDemo();
  });
  afterAll(() => demo.stop());

  maybe('reports nothing beyond the names Teleport itself uses', async () => {
    const { text } = await scrape(demo);
    const findings = promtoolCheckMetrics(promtool.path!, text);
    const unexpected = findings.filter((l) => !allowedFinding(l));
    expect(unexpected).toEqual([]);
  });

  maybe('flags a genuinely broken exposition (the check can fail)', () => {
    const findings = promtoolCheckMetrics(promtool.path!, '# TYPE x counter\nx{a="1"} 1\nx{a="1"} 2\n');
    expect(findings.some((l) => !allowedFinding(l))).toBe(true);
  });
});
