import { percentDecode, percentEncode } from './percent-codec.ts';

const UNRESERVED_SEGMENT = /^[A-Za-z0-9\-._~]*$/;

/**
 * Canonical URI: each segment of the decoded path percent-encoded once, '/' kept. Decoding first makes the
 * result independent of how a client or proxy escaped the path. Huawei always ends it with '/'.
 * Undefined when the path holds a bad escape.
 */
export function canonicalPath(path: string, trailingSlash: boolean): string | undefined {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    // A segment of unreserved characters only is its own canonical form.
    if (UNRESERVED_SEGMENT.test(segment)) {
      segments.push(segment);
      continue;
    }
    const bytes = percentDecode(segment, false);
    if (bytes === undefined) return undefined;
    segments.push(percentEncode(bytes));
  }
  const joined = segments.join('/');
  if (joined === '') return '/';
  return trailingSlash && !joined.endsWith('/') ? `${joined}/` : joined;
}
