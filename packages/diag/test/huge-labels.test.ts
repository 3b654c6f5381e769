/**
 * Huge label values must not take the host down: 2,000 distinct values of 1 MiB on three metrics
 * in a process limited to a 256 MiB heap (V8's sliced strings would keep every 1 MiB original
 * alive: 2 GB). The values differ only past the kept prefix, so they must stay 2,000 series each.
 * Runs the built packages in a child process (`npm run build` first; `npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MAX_LABEL_VALUE_LENGTH } from '@teleport-otel/core';

describe('huge label values in a small heap', () => {
  it('2,000 label values of 1 MiB on three metrics run in a 256 MiB heap and stay distinct series', () => {
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=256', '--expose-gc', join(__dirname, 'fixtures', 'huge-labels-child.js'), '2000', '1'],
      { encoding: 'utf8', timeout: 240_000 }
    );
    expect({ status: r.status, signal: r.signal, stderr: r.stderr.slice(-2000) }).toEqual({
      status: 0,
      signal: null,
      stderr: '',
    });
    const out = JSON.parse(r.stdout) as { series: number[]; tooLong: number; longest: number; heapMiB: number };
    expect(out.series).toEqual([2000, 2000, 2000]);
    expect(out.tooLong).toBe(6000);
    expect(out.longest).toBeLessThanOrEqual(MAX_LABEL_VALUE_LENGTH);
    // 6,000 series of ~4 KiB values: ~24 MiB, not the 2 GB of the originals.
    expect(out.heapMiB).toBeLessThan(200);
  }, 300_000);
});
