import { PauseWindow, RECENT_PAUSES } from '../src/gc';
import { parseBootTime, parseLimits, parseStat, parseThreads, UNLIMITED } from '../src/procfs';
import { PerCollection } from '../src/snapshot';

describe('PauseWindow (go_gc_duration_seconds)', () => {
  it('gives Go quantiles over the most recent pauses, sum and count over all', () => {
    const w = new PauseWindow();
    expect(w.quantiles([0, 0.5, 1])).toEqual([0, 0, 0]);
    const total = RECENT_PAUSES + 44;
    // Pauses 1..total in a scrambled order; only the last RECENT_PAUSES stay in the window.
    const order = Array.from({ length: total }, (_, i) => ((i * 7) % total) + 1);
    for (const p of order) w.add(p);
    const recent = order.slice(-RECENT_PAUSES).sort((a, b) => a - b);
    const n = recent.length;
    // Go: sorted[n * i / (count - 1)] for the evenly spaced quantiles, the largest for the last.
    expect(w.quantiles([0, 0.25, 0.5, 0.75, 1])).toEqual([
      recent[0],
      recent[n / 4],
      recent[n / 2],
      recent[(3 * n) / 4],
      recent[n - 1],
    ]);
    expect(w.count).toBe(total);
    expect(w.sum).toBe((total * (total + 1)) / 2);
  });
});

describe('/proc parsers', () => {
  // A command name with spaces and parentheses, as a process can name itself.
  const stat =
    '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 ' + '250 75 0 0 20 0 11 0 123456 987654321 4321 18446744073709551615';

  it('counts /proc/self/stat fields after the last parenthesis', () => {
    expect(parseStat(stat)).toEqual({ cpuTicks: 325, startTicks: 123456, vsizeBytes: 987654321, rssPages: 4321 });
    expect(() => parseStat('garbage')).toThrow();
  });

  it('reads soft limits, unlimited as 2^64-1', () => {
    const limits = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max open files            1024                 1048576              files     ',
      'Max address space         unlimited            unlimited            bytes     ',
    ].join('\n');
    expect(parseLimits(limits)).toEqual({ maxOpenFiles: 1024, maxAddressSpace: UNLIMITED });
    expect(UNLIMITED).toBe(Number(18446744073709551615n));
  });

  it('reads btime and Threads', () => {
    expect(parseBootTime('cpu  1 2 3\nbtime 1700000000\nprocesses 5\n')).toBe(1700000000);
    expect(parseThreads('Name:\tnode\nThreads:\t11\n')).toBe(11);
  });
});

describe('PerCollection', () => {
  it('reads once for all consumers of one collection, again when a consumer comes back', () => {
    let reads = 0;
    const shared = new PerCollection(() => ++reads);
    expect([shared.get('a'), shared.get('b'), shared.get('c')]).toEqual([1, 1, 1]);
    expect([shared.get('b'), shared.get('a'), shared.get('c')]).toEqual([2, 2, 2]);
    expect(reads).toBe(2);
  });
});
