import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Readers for Linux /proc/self, with the semantics of client_golang's process collector (via
 * prometheus/procfs). Everything is read at collection time, never on a recording path.
 */

/** USER_HZ: the unit of the tick counts in /proc/<pid>/stat. 100 on every Linux architecture. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** What client_golang reports for an "unlimited" limit: RLIM_INFINITY (2^64-1) as a float. */
export const UNLIMITED = 2 ** 64 - 1;

/** The fields of /proc/self/stat the process metrics use. */
export interface ProcStat {
  /** utime + stime, in clock ticks. */
  readonly cpuTicks: number;
  /** Start time after boot, in clock ticks. */
  readonly startTicks: number;
  /** Virtual memory size in bytes. */
  readonly vsizeBytes: number;
  /** Resident set size in pages. */
  readonly rssPages: number;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) is in parentheses and may itself contain
 * spaces and parentheses, so fields are counted from the last ')'.
 */
export function parseStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error('malformed /proc/self/stat');
  // After ") " comes field 3 (state); field N is at index N - 3.
  const f = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number): number => {
    const v = Number(f[n - 3]);
    if (!Number.isFinite(v)) throw new Error(`malformed /proc/self/stat field ${n}`);
    return v;
  };
  return { cpuTicks: field(14) + field(15), startTicks: field(22), vsizeBytes: field(23), rssPages: field(24) };
}

/** Soft limits from /proc/<pid>/limits; "unlimited" becomes UNLIMITED. */
export interface ProcLimits {
  readonly maxOpenFiles: number;
  readonly maxAddressSpace: number;
}

export function parseLimits(text: string): ProcLimits {
  const soft = (label: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(label));
    if (line === undefined) throw new Error(`no "${label}" in /proc/self/limits`);
    const value = line.slice(label.length).trim().split(/\s+/)[0];
    if (value === 'unlimited') return UNLIMITED;
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`malformed "${label}" in /proc/self/limits`);
    return n;
  };
  return { maxOpenFiles: soft('Max open files'), maxAddressSpace: soft('Max address space') };
}

/** btime of /proc/stat: boot time in seconds since the epoch. */
export function parseBootTime(text: string): number {
  const m = /^btime\s+(\d+)/m.exec(text);
  if (!m) throw new Error('no btime in /proc/stat');
  return Number(m[1]);
}

/** Threads: of /proc/<pid>/status. */
export function parseThreads(text: string): number {
  const m = /^Threads:\s+(\d+)/m.exec(text);
  if (!m) throw new Error('no Threads: in /proc/self/status');
  return Number(m[1]);
}

/** /proc for this process, rooted at `root` (normally /proc). Values that never change are cached. */
export class ProcFs {
  private bootTime: number | undefined;
  private pageBytes: number | undefined;

  constructor(readonly root = '/proc') {}

  /** Whether /proc/self/stat can be read here (Linux with procfs mounted). */
  available(): boolean {
    try {
      parseStat(readFileSync(join(this.root, 'self/stat'), 'latin1'));
      return true;
    } catch {
      return false;
    }
  }

  stat(): ProcStat {
    return parseStat(readFileSync(join(this.root, 'self/stat'), 'latin1'));
  }

  limits(): ProcLimits {
    return parseLimits(readFileSync(join(this.root, 'self/limits'), 'latin1'));
  }

  /** Entries of /proc/self/fd, as procfs counts them (the directory's own descriptor included). */
  openFds(): number {
    return readdirSync(join(this.root, 'self/fd')).length;
  }

  threads(): number {
    return parseThreads(readFileSync(join(this.root, 'self/status'), 'latin1'));
  }

  /** Process start, seconds since the epoch: btime + starttime / USER_HZ. */
  startTimeSeconds(stat: ProcStat): number {
    this.bootTime ??= parseBootTime(readFileSync(join(this.root, 'stat'), 'latin1'));
    return this.bootTime + stat.startTicks / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * Resident bytes: rss pages times the page size. Node has no getpagesize(); libuv's
   * process.memoryUsage.rss() is the same rss field times the real page size, so the ratio,
   * rounded to a power of two, gives the page size once (4 KiB on x86-64, 4/16/64 KiB on arm64).
   */
  residentBytes(stat: ProcStat): number {
    if (this.pageBytes === undefined) {
      const ratio = stat.rssPages > 0 ? process.memoryUsage.rss() / stat.rssPages : 4096;
      this.pageBytes = Math.max(4096, 2 ** Math.round(Math.log2(ratio)));
    }
    return stat.rssPages * this.pageBytes;
  }
}
