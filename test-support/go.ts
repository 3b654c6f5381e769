import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { which } from './tools';

/*
 * Go oracles: small Go programs under a test's fixtures that run the real client_golang (Debian's
 * golang-github-prometheus-client-golang-dev, client_golang 1.14) so a test can compare our bytes
 * with what Teleport's own library writes. Built offline in GOPATH mode against Debian's gocode
 * tree: no network, no go.mod.
 */

/** Where Debian's golang-*-dev packages put their sources. */
export const DEBIAN_GOPATH = '/usr/share/gocode';

/**
 * The `go` binary, or skip: a Go oracle test may skip only when `go` is absent and CI is unset;
 * under CI its absence is a failure (.ci/run installs golang-go).
 */
export function requireGo(): { go: string | undefined; skip: boolean } {
  const go = which('go');
  if (go) return { go, skip: false };
  if (process.env.CI)
    throw new Error(
      'go is required under CI but not on PATH (apt-get install golang-go golang-github-prometheus-client-golang-dev)'
    );
  console.warn(
    'go not found and CI unset: skipping the Go oracle (apt-get install golang-go golang-github-prometheus-client-golang-dev)'
  );
  return { go: undefined, skip: true };
}

const built = new Map<string, string>();

/**
 * Builds the Go program in `dir` (its *.go files, package main) and returns the binary's path.
 * The binary is kept in the temporary directory under a hash of its sources, and Go's build cache
 * is shared there too, so only the first build on a machine pays the ~30 s of compiling
 * client_golang; concurrent jest workers building the same fixture each rename a complete binary
 * into place.
 */
export function buildGoFixture(dir: string, go = which('go') ?? 'go'): string {
  const abs = resolve(dir);
  const known = built.get(abs);
  if (known) return known;
  const sources = readdirSync(abs)
    .filter((f) => f.endsWith('.go') && statSync(join(abs, f)).isFile())
    .sort();
  if (sources.length === 0) throw new Error(`buildGoFixture: no .go files in ${abs}`);
  const hash = createHash('sha256').update(go);
  for (const f of sources)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(join(abs, f)))
      .update('\0');
  const root = join(tmpdir(), 'teleport-otel-go');
  const bin = join(root, `${basename(abs)}-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(bin)) {
    mkdirSync(root, { recursive: true });
    const partial = `${bin}.${process.pid}.partial`;
    const r = spawnSync(go, ['build', '-o', partial, '.'], {
      cwd: abs,
      encoding: 'utf8',
      timeout: 300_000,
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOPATH: DEBIAN_GOPATH,
        GOCACHE: process.env.GOCACHE ?? join(root, 'cache'),
        GOFLAGS: '',
        GOPROXY: 'off',
        CGO_ENABLED: '0',
      },
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`go build in ${abs} failed (exit ${String(r.status)}):\n${r.stdout}${r.stderr}`);
    renameSync(partial, bin);
  }
  built.set(abs, bin);
  return bin;
}

/** Runs a built Go fixture with `input` on stdin; returns stdout (throws with stderr on failure). */
export function runGoFixture(bin: string, input: string | Uint8Array, args: readonly string[] = []): string {
  const r = spawnSync(bin, [...args], { input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${bin} exited ${String(r.status)}: ${r.stderr}`);
  return r.stdout;
}
