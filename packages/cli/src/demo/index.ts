import { auditDemo } from './audit';
import { authDemo } from './auth';
import { backendsDemo } from './backends';
import { bpfDemo } from './bpf';
import { cacheDemo } from './cache';
import { codeOnlyDemo } from './code-only';
import { instanceDemo } from './instance';
import { nodeDemo } from './node';
import { proxyDemo } from './proxy';
import { runtimeDemo } from './runtime';
import { backendOpsDemo } from './backend-ops';
import { inventoryDemo } from './inventory';
import { ingressDemo } from './ingress';
import { auditLatestDemo } from './audit-latest';
import { kubeDemo } from './kube';
import { dbDemo } from './db';
import { servicesDemo } from './services';
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
  // Teleport 12's code-only families (teleport-12 and latest profiles)
  codeOnlyDemo,
  // current Teleport's newer families (the `latest` profile)
  backendOpsDemo,
  inventoryDemo,
  ingressDemo,
  auditLatestDemo,
  kubeDemo,
  dbDemo,
  servicesDemo,
];
