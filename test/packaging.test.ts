import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

interface Packed {
  name: string;
  version: string;
  files: { path: string }[];
}

// What `npm publish` would upload for each workspace package (needs `npm run build` first, which npm test does).
const packed: Packed[] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--workspaces', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
);

const ALLOWED = /^(dist\/.+\.(js|d\.ts)|bin\/teleport-otel\.js|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

describe.each(packed.map((p) => [p.name, p] as const))('%s is publishable', (name, p) => {
  const dir = join(root, 'packages', name.replace('@teleport-otel/', ''));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const paths = p.files.map((f) => f.path);

  it('ships only built code, its types, README, LICENSE and CHANGELOG', () => {
    expect(paths.filter((f) => !ALLOWED.test(f))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'README.md', 'LICENSE', 'package.json']));
  });

  it('declares exports with types, engines, sideEffects, files, a license and a version', () => {
    expect(manifest.exports['.']).toMatchObject({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(manifest.engines.node).toBe('>=20.19');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.license).toBe('Apache-2.0');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.publishConfig).toMatchObject({ access: 'public' });
  });
});

describe('OpenTelemetry dependencies', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { satisfies } = require('semver') as { satisfies(version: string, range: string): boolean };
  const manifests = packed.map((p) => ({
    name: p.name,
    dir: join(root, 'packages', p.name.replace('@teleport-otel/', '')),
    manifest: JSON.parse(readFileSync(join(root, 'packages', p.name.replace('@teleport-otel/', ''), 'package.json'), 'utf8')),
  }));
  const LIBRARIES = manifests.filter((m) => m.name !== '@teleport-otel/cli');
  // Both lines a library must accept: what the repo develops against, and OpenTelemetry JS 3.x.
  const LINES: Record<string, string[]> = {
    '@opentelemetry/api': ['1.9.1', '1.10.0'],
    '@opentelemetry/sdk-metrics': ['2.0.0', '2.12.0', '3.0.0', '3.1.1'],
    '@opentelemetry/exporter-metrics-otlp-http': ['0.200.0', '0.223.0', '0.300.0', '0.301.0'],
    '@opentelemetry/exporter-metrics-otlp-proto': ['0.200.0', '0.223.0', '0.301.0'],
    '@opentelemetry/exporter-metrics-otlp-grpc': ['0.200.0', '0.223.0', '0.301.0'],
  };

  /**
   * The @opentelemetry packages a package's sources import or require by name (type-only imports
   * included). A package resolved through another's location (require.resolve with `paths`) is
   * that package's dependency, not ours.
   */
  function imported(dir: string): Set<string> {
    const out = new Set<string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.ts'))
          for (const m of readFileSync(join(d, e.name), 'utf8').matchAll(
            /(?:from |require\(|import\()'(@opentelemetry\/[a-z0-9-]+)'/g
          ))
            out.add(m[1]!);
      }
    };
    walk(join(dir, 'src'));
    return out;
  }

  it.each(LIBRARIES.map((m) => [m.name, m] as const))(
    '%s takes every OpenTelemetry package it imports from the app (a peer covering 2.x and 3.x), never its own copy',
    (_name, { dir, manifest }) => {
      expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@opentelemetry/'))).toEqual([]);
      for (const dep of imported(dir)) {
        const range = manifest.peerDependencies?.[dep];
        expect({ dep, range }).toEqual({ dep, range: expect.any(String) });
        for (const v of LINES[dep] ?? []) expect({ dep, v, ok: satisfies(v, range) }).toEqual({ dep, v, ok: true });
      }
    }
  );

  it('diag loads the OTLP exporters only when asked: optional peers', () => {
    const diag = manifests.find((m) => m.name === '@teleport-otel/diag')!.manifest;
    const exporters = Object.keys(LINES).filter((d) => d.includes('exporter'));
    for (const e of exporters) expect({ e, meta: diag.peerDependenciesMeta?.[e] }).toEqual({ e, meta: { optional: true } });
    expect(Object.keys(diag.peerDependencies).sort()).toEqual(
      ['@opentelemetry/api', '@opentelemetry/sdk-metrics', ...exporters].sort()
    );
  });

  // The repo (and the CLI, an application) pin the versions the OTLP exporters pin; anything else
  // makes npm nest a second copy of the SDK under the exporters.
  const exporterDeps = JSON.parse(readFileSync(require.resolve('@opentelemetry/exporter-metrics-otlp-http/package.json'), 'utf8'))
    .dependencies as Record<string, string>;
  it.each(manifests.map((m) => [m.name, m] as const))(
    '%s develops against exactly the SDK the exporters pin',
    (_n, { manifest }) => {
      for (const field of ['dependencies', 'devDependencies']) {
        for (const dep of ['@opentelemetry/sdk-metrics', '@opentelemetry/core', '@opentelemetry/resources']) {
          const version = manifest[field]?.[dep];
          if (version !== undefined) expect({ dep, version }).toEqual({ dep, version: exporterDeps[dep] });
        }
      }
    }
  );
});

describe('published files', () => {
  it.each(packed.map((p) => [p.name, p] as const))('%s references no source map it does not ship', (name, p) => {
    const dir = join(root, 'packages', name.replace('@teleport-otel/', ''));
    const shipped = new Set(p.files.map((f) => f.path));
    const dangling = p.files
      .filter((f) => /\.(js|d\.ts)$/.test(f.path))
      .flatMap((f) => {
        const m = /\/\/# sourceMappingURL=(\S+)/.exec(readFileSync(join(dir, f.path), 'utf8'));
        return m && !shipped.has(join(f.path, '..', m[1]!)) ? [`${f.path} -> ${m[1]}`] : [];
      });
    expect(dangling).toEqual([]);
  });

  it.each(packed.map((p) => [p.name] as const))('%s builds itself before packing', (name) => {
    const manifest = JSON.parse(
      readFileSync(join(root, 'packages', name.replace('@teleport-otel/', ''), 'package.json'), 'utf8')
    );
    // tsc -b builds the project references (catalog, core, ...) first, so it works in a fresh clone.
    expect(manifest.scripts.prepack).toBe('tsc -b tsconfig.json');
  });
});

describe('the teleport-otel bin', () => {
  const cli = join(root, 'packages', 'cli');
  const manifest = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8'));
  const shim = join(cli, manifest.bin['teleport-otel']);

  it('is a committed file, linked by npm ci before anything is built, that runs the built CLI', () => {
    const tracked = execFileSync('git', ['ls-files', '-s', manifest.bin['teleport-otel']], { cwd: cli, encoding: 'utf8' });
    expect(tracked).toMatch(/^100755 /);
    expect(packed.find((p) => p.name === '@teleport-otel/cli')!.files.map((f) => f.path)).toContain(
      manifest.bin['teleport-otel']
    );
    const out = execFileSync(process.execPath, [shim, '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^usage: teleport-otel <command>/);
  });

  it('says, in one line, to build first when dist/ is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teleport-otel-shim-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(shim, join(dir, 'bin', 'teleport-otel.js'));
      const run = spawnSync(process.execPath, [join(dir, 'bin', 'teleport-otel.js'), '--help'], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^teleport-otel: .*run `npm run build`/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
