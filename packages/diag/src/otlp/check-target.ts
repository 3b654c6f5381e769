import type { OtlpProtocol } from './exporter';

// An HTTP field name is a token (RFC 9110 §5.6.2); gRPC metadata keys are stricter (lower case after normalising).
const HTTP_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const GRPC_NAME = /^[0-9a-z_.-]+$/;
// Node's http refuses control characters (bar tab) and anything past U+00FF; gRPC takes printable ASCII only.
const HTTP_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const GRPC_VALUE = /^[\x20-\x7e]*$/;

/**
 * Checks an OTLP reader's URL and headers when it is configured, so a value every export would
 * refuse fails start-up with one line instead of failing each export forever (or, for gRPC,
 * throwing a message that quotes the value). A header value is never shown: it is often an API key.
 */
export function checkOtlpTarget(protocol: OtlpProtocol, url: string, headers: Readonly<Record<string, string>>): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new Error(
      `teleport-otel: OTLP ${protocol} URL ${JSON.stringify(withoutCredentials(url))} is not an http:// or https:// URL`
    );
  }
  const grpc = protocol === 'grpc';
  for (const [name, value] of Object.entries(headers)) {
    if (!(grpc ? GRPC_NAME.test(name.toLowerCase()) : HTTP_NAME.test(name)))
      throw new Error(
        `teleport-otel: OTLP header name ${JSON.stringify(name)} is not a valid ${grpc ? 'gRPC metadata key' : 'HTTP field name'}`
      );
    if (typeof value !== 'string' || !(grpc ? GRPC_VALUE : HTTP_VALUE).test(value))
      throw new Error(
        `teleport-otel: the value of OTLP header ${JSON.stringify(name)} has characters ${
          grpc
            ? 'gRPC metadata refuses (only printable ASCII is sent)'
            : 'HTTP refuses (control characters or text beyond Latin-1)'
        }; the value is not shown`
      );
  }
}

/** `scheme://user:pass@host` without the user info, and without a query (which may carry a token). */
function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^/?#@]*@/, '//').replace(/[?#].*$/, '');
}
