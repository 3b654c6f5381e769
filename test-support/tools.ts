import { execFileSync, spawnSync } from 'node:child_process';

/** The path of a binary on PATH, or undefined. */
export function which(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Tests that need a Debian tool (prometheus, promtool, victoria-metrics, openssl) may skip only
 * when it is absent and CI is unset; under CI=true its absence is a failure (the CI script installs it).
 */
export function requireTool(bin: 'prometheus' | 'promtool' | 'victoria-metrics' | 'openssl'): {
  path: string | undefined;
  skip: boolean;
} {
  const path = which(bin);
  if (path) return { path, skip: false };
  const pkg = bin === 'promtool' ? 'prometheus' : bin;
  if (process.env.CI) throw new Error(`${bin} is required under CI but not on PATH (apt-get install ${pkg})`);
  console.warn(`${bin} not found and CI unset: skipping (apt-get install ${pkg} to run)`);
  return { path: undefined, skip: true };
}

/** Runs `promtool check metrics` on an exposition; returns its output lines (problems), one per line. */
export function promtoolCheckMetrics(promtool: string, exposition: string): string[] {
  const r = spawnSync(promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (r.error) throw r.error;
  const out = `${r.stdout}${r.stderr}`;
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function version(bin: string): string {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
}
