import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// jest runs without --expose-gc; the flag set at run time makes `gc` reachable from a new context.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after two forced full collections, in MiB: for heap-bound tests. */
export function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
