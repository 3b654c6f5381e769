'use strict';
/*
 * `npm start`'s build step: builds every package through turbo and prints nothing when that
 * works, so the CLI's own output (a one-line error for a busy port, say) is what the user sees.
 * On a failed build it prints turbo's output (errors only) and exits with its status.
 * `npm run build --silent` would not do: --silent quiets npm, not turbo's ~80 lines.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
const r = spawnSync(turbo, ['run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' },
  maxBuffer: 64 * 1024 * 1024,
});
if (r.error) {
  process.stderr.write(`teleport-otel: build failed to run: ${r.error.message}\n`);
  process.exit(1);
}
if (r.status !== 0) {
  process.stderr.write(`${r.stdout}${r.stderr}`);
  process.exit(r.status ?? 1);
}
