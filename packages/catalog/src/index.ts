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
export { inProfile, profilesOf, entryIn } from './select';
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
export { node } from './groups/node';
export { instance } from './groups/instance';
export { go } from './groups/go';
export { process } from './groups/process';
export { nodejs } from './groups/nodejs';
export { promhttp } from './groups/promhttp';
export { self } from './groups/self';
export { catalog, allEntries, entriesOf, groups, byName, docEntries } from './catalog';
export {
  aggregationOf,
  DEFAULT_AGGREGATION,
  WORKER_LABEL,
  type Aggregation,
  type AggregationRule,
} from './aggregation';
