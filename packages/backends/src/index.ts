export {
  createBackendMetrics,
  backendReporter,
  type BackendMetrics,
  type BackendReporter,
  type BackendReporterOptions,
  type BackendComponent,
  type ReportedCall,
} from './backend';
export { createDynamoMetrics, dynamoRecorder, type DynamoMetrics, type DynamoRecorder, type DynamoTableType } from './dynamo';
export { createS3Metrics, s3Recorder, type S3Metrics, type S3Recorder } from './s3';
export { createEtcdMetrics, etcdTimers, type EtcdMetrics, type EtcdTimers } from './etcd';
export { createFirestoreMetrics, firestoreTimers, type FirestoreMetrics, type FirestoreTimers } from './firestore';
export { createGcsMetrics, gcsTimers, type GcsMetrics, type GcsTimers } from './gcs';
export { requestKeyLabel, maskKeyName, SENSITIVE_KEY_PREFIXES } from './keys';
export { trackBackendWatcher, reportWatcherQueue } from './watchers';
export { timeCall, type CountedTimer } from './timing';
export {
  createBackendOpsMetrics,
  backendOpsReporter,
  type BackendOpsMetrics,
  type BackendOpsReporter,
  type BackendOpsOptions,
  type WriteRequestCounters,
  type AtomicAction,
} from './backend-ops';
export { isPreconditionFailure, backendErrorKind, type BackendWriteOp, type BackendErrorKind } from './precondition';
export { settle } from './settle';
export { createAwsSdkMetrics, awsSdkRecorder, type AwsSdkMetrics, type AwsSdkRecorder } from './aws-sdk';
export { createEtcdEventMetrics, countEtcdEvent, type EtcdEventMetrics } from './etcd-events';
