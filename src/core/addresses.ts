/**
 * Which network addresses hookd refuses to deliver to unless private networks are allowed:
 * everything that is not plain public unicast (loopback, RFC 1918, link-local incl. cloud metadata
 * 169.254.169.254, unique-local, carrier-grade NAT, multicast, reserved…).
 */
import ipaddr from 'ipaddr.js';

export function forbiddenReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/** Host names that always mean this machine or its metadata service, whatever DNS says. */
const LOCAL_NAMES = /^(localhost|.*\.localhost|metadata\.google\.internal|metadata)$/i;

/** Checks a URL's host as written (literal IPs and well-known local names); DNS answers are checked at connect time. */
export function forbiddenHostReason(hostname: string): string | null {
  // `localhost.` is the fully qualified spelling of `localhost`: the trailing dot does not make it another host.
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (LOCAL_NAMES.test(host)) return 'local host name';
  return forbiddenReason(host);
}
