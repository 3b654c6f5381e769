import type { MetricEntry, MetricGroup } from './types';
import { audit } from './groups/audit';
import { auth } from './groups/auth';
import { grpcServer } from './groups/grpcServer';
import { backend } from './groups/backend';
import { dynamo } from './groups/dynamo';
import { etcd } from './groups/etcd';
import { firestore } from './groups/firestore';
import { gcs } from './groups/gcs';
import { s3 } from './groups/s3';
import { cache } from './groups/cache';
import { bpf } from './groups/bpf';
import { proxy } from './groups/proxy';
import { grpcClient } from './groups/grpcClient';
import { node } from './groups/node';
import { instance } from './groups/instance';
import { go } from './groups/go';
import { process } from './groups/process';
import { nodejs } from './groups/nodejs';
import { promhttp } from './groups/promhttp';
import { self } from './groups/self';

/** Every group by name, in the doc's order. */
export const groups: { readonly [group: string]: MetricGroup } = {
  audit,
  auth,
  grpcServer,
  backend,
  dynamo,
  etcd,
  firestore,
  gcs,
  s3,
  cache,
  bpf,
  proxy,
  grpcClient,
  node,
  instance,
  go,
  process,
  nodejs,
  promhttp,
  self,
};

/** Every entry, one per exposed name. */
export const catalog: readonly MetricEntry[] = Object.freeze(Object.values(groups).flatMap((g) => Object.values(g)));

const index = new Map(catalog.map((e) => [e.name, e] as const));

/** The entry for an exposed name, or undefined. */
export function byName(name: string): MetricEntry | undefined {
  return index.get(name);
}

/** The entries that stand for rows of Teleport's metrics doc. */
export const docEntries: readonly MetricEntry[] = Object.freeze(catalog.filter((e) => e.origin === 'doc'));
