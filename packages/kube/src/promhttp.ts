/**
 * The label values client_golang's promhttp writes: `code` is the status as a decimal string and
 * `method` the lower-cased HTTP method (promhttp's sanitizeCode / sanitizeMethod).
 */
export function promhttpCode(status: number): string {
  return Number.isInteger(status) && status > 0 ? String(status) : '200';
}

export function promhttpMethod(method: string | undefined): string {
  return (method ?? 'get').toLowerCase();
}
