import type { MetricEntry, MetricGroup } from './types';
import { DEFAULT_PROFILE, PROFILES, type Profile } from './profiles';
import { entryIn } from './select';
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
import { proxyPeer } from './groups/proxyPeer';
import { usage } from './groups/usage';
import { node } from './groups/node';
import { instance } from './groups/instance';
import { go } from './groups/go';
import { process } from './groups/process';
import { nodejs } from './groups/nodejs';
import { promhttp } from './groups/promhttp';
import { self } from './groups/self';
import { backendOps } from './groups/backendOps';
import { awsSdk } from './groups/awsSdk';
import { etcdEvents } from './groups/etcdEvents';
import { authInventory } from './groups/authInventory';
import { ingress } from './groups/ingress';
import { parquetlog } from './groups/parquetlog';
import { postgresEvents } from './groups/postgresEvents';
import { kube } from './groups/kube';
import { db } from './groups/db';
import { proxyDb } from './groups/proxyDb';
import { instanceServices } from './groups/instanceServices';

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
  proxyPeer,
  usage,
  node,
  instance,
  go,
  process,
  nodejs,
  promhttp,
  self,
  // current Teleport's newer families (the `latest` profile)
  authInventory,
  parquetlog,
  postgresEvents,
  backendOps,
  etcdEvents,
  awsSdk,
  ingress,
  kube,
  db,
  proxyDb,
  instanceServices,
};

/** Every entry object of every profile (a name may appear once per profile, so twice here). */
export const allEntries: readonly MetricEntry[] = Object.freeze(Object.values(groups).flatMap((g) => Object.values(g)));

const byProfile = new Map<Profile, readonly MetricEntry[]>(
  PROFILES.map((p) => [p, Object.freeze(allEntries.flatMap((e) => entryIn(e, p) ?? []))] as const)
);
const indexes = new Map(PROFILES.map((p) => [p, new Map(byProfile.get(p)!.map((e) => [e.name, e] as const))] as const));

/** The entries of one profile, as that profile states them, one per exposed name. */
export function entriesOf(profile: Profile): readonly MetricEntry[] {
  const out = byProfile.get(profile);
  if (!out) throw new Error(`teleport-otel: unknown profile ${JSON.stringify(profile)}`);
  return out;
}

/** The default (`doc`) profile's entries, one per exposed name: Teleport's metrics page, runtime and self-metrics. */
export const catalog: readonly MetricEntry[] = entriesOf(DEFAULT_PROFILE);

/** The entry for an exposed name in a profile (default `doc`), or undefined. */
export function byName(name: string, profile: Profile = DEFAULT_PROFILE): MetricEntry | undefined {
  return indexes.get(profile)?.get(name);
}

/** The entries that stand for rows of Teleport's metrics doc. */
export const docEntries: readonly MetricEntry[] = Object.freeze(catalog.filter((e) => e.origin === 'doc'));
