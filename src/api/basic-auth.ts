/** `Authorization: Basic base64(user:password)` as [user, password], or null. Shared by the faces that accept it. */
export function basicCredentials(header: string | undefined): [string, string] | null {
  const match = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
