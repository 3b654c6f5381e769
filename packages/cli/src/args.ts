/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Runs node:util parseArgs (or any parser) with its errors turned into one-line usage errors. */
export function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
}
