import { awsSdk } from '@teleport-otel/catalog';
import { createInstruments, type InstrumentOptions, type Instruments } from '@teleport-otel/core';
import { settle } from './settle';

/** Every AWS API call: `teleport_aws_sdk_requests_total`, `_requests{result}`, `_requests_seconds`. */
export type AwsSdkMetrics = Instruments<typeof awsSdk>;

export function createAwsSdkMetrics(options?: InstrumentOptions): AwsSdkMetrics {
  return createInstruments(awsSdk, options);
}

/** Records AWS API calls as Teleport's aws-sdk-go-v2 middleware does. */
export interface AwsSdkRecorder {
  /**
   * Runs one API call (sync or async) of `service` (the SDK's service ID, e.g. 'DynamoDB') and
   * `operation` (e.g. 'GetItem'); when it completes: requests_total +1, requests_seconds observes
   * its latency, requests{result} +1 with result 'error' when it threw or rejected, else 'success'.
   */
  call<R>(service: string, operation: string, fn: () => R): R;
}

export function awsSdkRecorder(m: AwsSdkMetrics): AwsSdkRecorder {
  return {
    call(service, operation, fn) {
      return settle(fn, (seconds, _err, failed) => {
        const labels = { service, operation };
        m.requestsTotal.inc(labels);
        m.requestsSeconds.record(seconds, labels);
        m.requests.inc({ service, operation, result: failed ? 'error' : 'success' });
      });
    },
  };
}
