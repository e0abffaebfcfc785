/**
 * A transform's path suffix: more path and query after the webhook's URL, never another place. The suffix
 * is plain RFC 3986 characters (no fragment, no backslash, no white space, no empty segment, nothing a
 * parser would read as a scheme or a host), it may not step up with `.` or `..` segments (which URL parsers resolve, also when
 * percent-encoded), and the URL it makes is checked to have the webhook's origin. The address guard still
 * applies at connect time, as for every delivery.
 */
import { MAX_URL_LENGTH } from './validation.ts';

export const MAX_PATH_SUFFIX = 1024;

/** `/path` and/or `?query` of path characters: unreserved, sub-delims, `:`, `@`, `/`, and %XX escapes. */
const SUFFIX = /^(\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*)?(\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** The webhook's URL with the suffix appended; throws an Error whose message says what is wrong. */
export function appendPath(url: string, suffix: unknown): string {
  if (typeof suffix !== 'string' || suffix.length === 0 || suffix.length > MAX_PATH_SUFFIX) {
    throw new Error(`path must be a string of 1 to ${MAX_PATH_SUFFIX} characters`);
  }
  const match = SUFFIX.exec(suffix);
  if (!match) throw new Error('path must start with / or ? and hold only URL path and query characters (percent-encode the others; no #)');
  const [, path = '', query = ''] = match;
  const segments = path.split('/').slice(1);
  // An empty segment (`//`) would read as an authority to some parsers; dot segments climb the webhook's path.
  if (segments.some((segment, i) => segment === '' && i < segments.length - 1)) throw new Error('path must not have empty segments (//)');
  if (segments.some((segment) => DOT_SEGMENT.test(segment))) throw new Error('path must not have . or .. segments');
  const base = new URL(url);
  const joinedPath = base.pathname.endsWith('/') && path.startsWith('/') ? base.pathname + path.slice(1) : base.pathname + path;
  const queries = [base.search.slice(1), query.slice(1)].filter((part) => part !== '');
  const joined = `${base.origin}${joinedPath}${queries.length > 0 ? `?${queries.join('&')}` : ''}`;
  if (joined.length > MAX_URL_LENGTH) throw new Error(`the URL with the path would be longer than ${MAX_URL_LENGTH} characters`);
  // Belt and braces: whatever the suffix, the request goes to the webhook's own scheme, host and port.
  if (new URL(joined).origin !== base.origin) throw new Error('path must not change the URL\'s host');
  return joined;
}
