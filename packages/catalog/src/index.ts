export type {
  MetricEntry,
  MetricGroup,
  LabelsOf,
  ConstLabelsOf,
  PromType,
  InstrumentKind,
  OwningPackage,
  Origin,
  ProfileOverride,
} from './types';
export { PROFILES, DEFAULT_PROFILE, PROFILE_INFO, isProfile, parseProfile, type Profile, type ProfileInfo } from './profiles';
export { inProfile, profilesOf, entryIn, groupEntries } from './select';
export { metric } from './define';
export * from './buckets';
export { GRPC_CODES, GRPC_TYPES } from './grpc-values';
export { audit } from './groups/audit';
export { auth } from './groups/auth';
export { grpcServer } from './groups/grpcServer';
export { backend } from './groups/backend';
export { dynamo } from './groups/dynamo';
export { etcd } from './groups/etcd';
export { firestore } from './groups/firestore';
export { gcs } from './groups/gcs';
export { s3 } from './groups/s3';
export { cache } from './groups/cache';
export { bpf } from './groups/bpf';
export { proxy } from './groups/proxy';
export { grpcClient } from './groups/grpcClient';
export { proxyPeer } from './groups/proxyPeer';
export { usage } from './groups/usage';
export { node } from './groups/node';
export { instance } from './groups/instance';
export { go } from './groups/go';
export { process } from './groups/process';
export { nodejs } from './groups/nodejs';
export { promhttp } from './groups/promhttp';
export { self } from './groups/self';
export { backendOps } from './groups/backendOps';
export { awsSdk } from './groups/awsSdk';
export { etcdEvents } from './groups/etcdEvents';
export { authInventory } from './groups/authInventory';
export { ingress } from './groups/ingress';
export { parquetlog } from './groups/parquetlog';
export { postgresEvents } from './groups/postgresEvents';
export { kube } from './groups/kube';
export { db } from './groups/db';
export { proxyDb } from './groups/proxyDb';
export { instanceServices } from './groups/instanceServices';
export { LATEST_SOURCES } from './sources';
export { catalog, allEntries, entriesOf, groups, byName, docEntries } from './catalog';
export {
  aggregationOf,
  DEFAULT_AGGREGATION,
  WORKER_LABEL,
  type Aggregation,
  type AggregationRule,
} from './aggregation';
