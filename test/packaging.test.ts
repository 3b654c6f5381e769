import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

const ALLOWED = /^(dist\/.+\.(js|d\.ts)|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

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

describe('OpenTelemetry SDK versions', () => {
  // The OTLP exporters pin sdk-metrics/core/resources exactly; depending on anything else makes a
  // consumer's npm nest a second copy under the exporters (our own overrides don't reach them).
  const exporterDeps = JSON.parse(readFileSync(require.resolve('@opentelemetry/exporter-metrics-otlp-http/package.json'), 'utf8'))
    .dependencies as Record<string, string>;
  const pinned = ['@opentelemetry/sdk-metrics', '@opentelemetry/core', '@opentelemetry/resources'];

  it.each(packed.map((p) => p.name))('%s uses exactly the versions the exporters pin', (name) => {
    const manifest = JSON.parse(
      readFileSync(join(root, 'packages', name.replace('@teleport-otel/', ''), 'package.json'), 'utf8')
    );
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      for (const dep of pinned) {
        const version = manifest[field]?.[dep];
        if (version !== undefined) expect({ dep, version }).toEqual({ dep, version: exporterDeps[dep] });
      }
    }
  });
});
