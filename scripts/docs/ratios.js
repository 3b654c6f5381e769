'use strict';
// Error and failure ratios shared by the dashboard and the recording rules. Each names its
// numerator and denominator by catalog entry; label names are found from the entries' closed
// value sets, never spelt here. Label VALUES ('error', 'OK') are Teleport's values.
const { catalogModule, labelWithValue } = require('./model');

/** Labels with a closed value set, other than `except`: the low-cardinality dimensions to keep. */
function closedLabels(entry, except) {
  return entry.labels.filter((l) => l !== except && entry.values && entry.values[l]);
}

function resultRatio(pkg, title, entry) {
  const result = labelWithValue(entry, 'error');
  return {
    package: pkg,
    title,
    suffix: 'error_ratio',
    by: closedLabels(entry, result),
    num: { entry, matchers: [[result, '=', 'error']] },
    den: { entry },
  };
}

function grpcErrorRatio(pkg, title, entry) {
  const code = labelWithValue(entry, 'OK');
  return { package: pkg, title, suffix: 'error_ratio', by: [], num: { entry, matchers: [[code, '!=', 'OK']] }, den: { entry } };
}

function plainRatio(pkg, title, num, den) {
  const by = num.labels.filter((l) => den.labels.includes(l));
  return { package: pkg, title, suffix: 'ratio', by, num: { entry: num }, den: { entry: den } };
}

/** @returns the ratio specs, in dashboard order */
function ratioSpecs() {
  const { audit, auth, grpcServer, dynamo, s3, cache, proxy, grpcClient } = catalogModule;
  return [
    plainRatio('audit', 'Audit emit failure ratio', audit.failedEmitEvents, audit.emitEvents),
    plainRatio('auth', 'Throttled key generation ratio', auth.generateRequestsThrottledTotal, auth.generateRequestsTotal),
    grpcErrorRatio('auth', 'gRPC server non-OK ratio', grpcServer.handledTotal),
    resultRatio('backends', 'DynamoDB error ratio', dynamo.requests),
    resultRatio('backends', 'S3 error ratio', s3.requests),
    plainRatio('cache', 'Cache stale events ratio', cache.cacheStaleEvents, cache.cacheEvents),
    plainRatio(
      'proxy',
      'Failed connections to nodes ratio',
      proxy.failedConnectToNodeAttemptsTotal,
      proxy.connectToNodeAttemptsTotal
    ),
    grpcErrorRatio('proxy', 'gRPC client non-OK ratio', grpcClient.handledTotal),
  ];
}

module.exports = { ratioSpecs };
