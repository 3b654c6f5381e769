#!/usr/bin/env node
'use strict';
// `npm run docs`: regenerates every catalog-derived document (run after `npm run build`, which
// the npm script does first, so @teleport-otel/catalog resolves to its built dist).
const fs = require('fs');
const path = require('path');
const { generateAll } = require('./docs');

const root = path.resolve(__dirname, '..');
let changed = 0;
for (const { path: rel, content } of generateAll(root)) {
  const file = path.join(root, rel);
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (old === content) continue;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  changed++;
  console.log(`${old === undefined ? 'created' : 'updated'} ${rel}`);
}
console.log(changed ? `docs: ${changed} file(s) written` : 'docs: everything up to date');
