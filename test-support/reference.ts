import * as fs from 'node:fs';
import * as path from 'node:path';

/** Teleport's reference facts live beside the repo (<repo>/../shared/reference), in CI as here. */
export const REFERENCE_DIR = path.resolve(__dirname, '../../shared/reference');

/**
 * The reference files' paths, and whether the tests that compare with them may skip. They may
 * skip only when a file is absent and CI is unset; under CI=true an absent file fails the run
 * (otherwise a CI without the folder would pass while checking nothing).
 */
export function requireReference(...files: string[]): { paths: string[]; skip: boolean } {
  const paths = files.map((f) => path.join(REFERENCE_DIR, f));
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length === 0) return { paths, skip: false };
  if (process.env.CI) throw new Error(`reference files required under CI but missing: ${missing.join(', ')}`);
  // eslint-disable-next-line no-console
  console.warn(`reference checks skipped (CI unset): ${missing.join(', ')} not found`);
  return { paths, skip: true };
}
