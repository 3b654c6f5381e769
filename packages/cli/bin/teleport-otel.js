#!/usr/bin/env node
'use strict';
// The `teleport-otel` bin. Committed rather than built, so that `npm ci` in a fresh clone links
// the command even before dist/ exists; it then says how to build instead of failing obscurely.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'bin.js');
if (!existsSync(built)) {
  console.error('teleport-otel: the CLI is not built yet (no packages/cli/dist/bin.js); run `npm run build` first');
  process.exit(1);
}
require(built);
