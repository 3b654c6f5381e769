/*
 * For child-process fixtures (plain .js run with fork): makes `require('@teleport-otel/<pkg>')`
 * load packages/<pkg>/src through ts-node (transpile only, tsconfig.test.json), as Jest's
 * moduleNameMapper does for the tests, so a child runs the same sources with no build.
 * Usage, first line of a fixture: `require('<path to>/test-support/ts-sources');`
 */
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..');
process.env.TS_NODE_PROJECT = path.join(root, 'tsconfig.test.json');
require(require.resolve('ts-node/register/transpile-only', { paths: [root] }));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@teleport-otel\/([^/]+)$/.exec(request);
  return resolve.call(this, m ? path.join(root, 'packages', m[1], 'src', 'index.ts') : request, ...rest);
};
