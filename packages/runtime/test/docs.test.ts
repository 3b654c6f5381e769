import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { go, type MetricEntry } from '@teleport-otel/catalog';
import { goMappingMarkdown } from '../../../scripts/docs/go-mapping';

const root = join(__dirname, '../../..');

describe('docs/go-runtime-mapping.md', () => {
  it('is what scripts/docs/go-mapping.ts generates from the catalog (regenerate: npx ts-node scripts/docs/go-mapping.ts > docs/go-runtime-mapping.md)', () => {
    expect(readFileSync(join(root, 'docs/go-runtime-mapping.md'), 'utf8')).toBe(goMappingMarkdown());
  });

  it('has one row per go_* entry, each with a reason or a derivation', () => {
    const md = goMappingMarkdown();
    for (const entry of Object.values(go) as MetricEntry[]) {
      const row = md.split('\n').find((l) => l.startsWith(`| \`${entry.name}\` |`));
      expect(row).toBeDefined();
      expect(entry.nodeAnalog).toBeTruthy();
      expect(row).toContain(entry.noAnalog ? '| no |' : '| yes');
    }
  });
});
