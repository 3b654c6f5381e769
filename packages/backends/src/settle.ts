/**
 * Runs `fn` and calls `done(seconds, error, failed, value)` once it has completed (sync return or
 * throw, or settlement of a returned promise); the result or error passes through unchanged.
 * Unlike timeCall, the error and the value reach `done`, so callers can classify a failure or
 * count the items a read returned.
 */
export function settle<R>(fn: () => R, done: (seconds: number, error: unknown, failed: boolean, value: unknown) => void): R {
  const start = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - start) / 1e9;
  let out: R;
  try {
    out = fn();
  } catch (err) {
    done(elapsed(), err, true, undefined);
    throw err;
  }
  if (isThenable(out)) {
    return out.then(
      (value: unknown) => {
        done(elapsed(), undefined, false, value);
        return value;
      },
      (err: unknown) => {
        done(elapsed(), err, true, undefined);
        throw err;
      }
    ) as R;
  }
  done(elapsed(), undefined, false, out);
  return out;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}
