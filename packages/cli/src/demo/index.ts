import { auditDemo } from './audit';
import { authDemo } from './auth';
import { backendsDemo } from './backends';
import { bpfDemo } from './bpf';
import { cacheDemo } from './cache';
import { instanceDemo } from './instance';
import { nodeDemo } from './node';
import { proxyDemo } from './proxy';
import { runtimeDemo } from './runtime';
import type { DemoDriver } from './types';

/**
 * Every package's demo workload. Each component package adds its driver file here
 * (auth.ts, backends.ts, cache.ts, proxy.ts, node.ts, bpf.ts, instance.ts, runtime.ts).
 */
export const drivers: readonly DemoDriver[] = [
  auditDemo,
  authDemo,
  proxyDemo,
  nodeDemo,
  runtimeDemo,
  backendsDemo,
  cacheDemo,
  bpfDemo,
  instanceDemo,
];
