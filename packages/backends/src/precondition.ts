/** A single-item or atomic write of Teleport's backend interface. */
export type BackendWriteOp =
  | 'create'
  | 'put'
  | 'update'
  | 'conditionalUpdate'
  | 'compareAndSwap'
  | 'delete'
  | 'conditionalDelete'
  | 'keepAlive'
  | 'atomicWrite';

/**
 * Why a backend call failed, in Teleport's terms: trace.AlreadyExists, trace.NotFound,
 * trace.CompareFailed, backend.ErrIncorrectRevision, backend.ErrConditionFailed, or anything else.
 */
export type BackendErrorKind = 'alreadyExists' | 'notFound' | 'compareFailed' | 'incorrectRevision' | 'conditionFailed' | 'other';

const BACKEND_ERROR_KINDS: ReadonlySet<string> = new Set([
  'alreadyExists',
  'notFound',
  'compareFailed',
  'incorrectRevision',
  'conditionFailed',
  'other',
]);

/** For each write, the failure kinds Teleport's Reporter counts as a failed precondition (lib/backend/report.go). */
const PRECONDITION_KINDS: { readonly [op in BackendWriteOp]: readonly BackendErrorKind[] } = {
  create: ['alreadyExists'],
  put: [],
  update: ['notFound'],
  conditionalUpdate: ['incorrectRevision'],
  compareAndSwap: ['notFound', 'compareFailed'],
  delete: ['notFound'],
  conditionalDelete: ['notFound'],
  keepAlive: ['notFound'],
  atomicWrite: ['conditionFailed'],
};

/**
 * True when a failed `op` failed because of a precondition, as Teleport's Reporter decides before
 * incrementing teleport_backend_write_requests_failed_precondition_total: Create on AlreadyExists;
 * Update, Delete, ConditionalDelete and KeepAlive on NotFound; ConditionalUpdate on an incorrect
 * revision; CompareAndSwap on NotFound or CompareFailed; AtomicWrite on a failed condition; Put never.
 */
export function isPreconditionFailure(op: BackendWriteOp, kind: BackendErrorKind): boolean {
  return PRECONDITION_KINDS[op]?.includes(kind) ?? false;
}

/**
 * The kind of a thrown value: its `kind` property when that is a {@link BackendErrorKind}
 * (storage adapters tag their errors so), else 'other'.
 */
export function backendErrorKind(err: unknown): BackendErrorKind {
  const kind = err !== null && typeof err === 'object' ? (err as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && BACKEND_ERROR_KINDS.has(kind) ? (kind as BackendErrorKind) : 'other';
}
