/**
 * Which network addresses hookd refuses to deliver to. Built in: everything that is not plain public
 * unicast (loopback, RFC 1918, link-local incl. cloud metadata 169.254.169.254, unique-local,
 * carrier-grade NAT, multicast, reserved…), also when written inside an IPv6 address (IPv4-mapped,
 * -compatible and -translated forms, NAT64, 6to4, Teredo). The operator adds an allow list and a deny
 * list of CIDR ranges (HOOKD_EGRESS_ALLOW, HOOKD_EGRESS_DENY): denied is refused always, allowed is
 * let through even if private, anything else follows the built-in rule unless private networks are allowed.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const fromBits = (high: number, low: number): ipaddr.IPv4 => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/** The IPv4 addresses an IPv6 address carries, in every form that routes to (or names) an IPv4 host. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const p = address.parts;
  const last = fromBits(p[6], p[7]);
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d (IPv4-translated)
    case 'rfc6052': // 64:ff9b::a.b.c.d and 64:ff9b:1::/48 (NAT64)
      return [last];
    case '6to4': // 2002:aabb:ccdd::/48
      return [fromBits(p[1], p[2])];
    case 'teredo': // 2001:0:<server>::<client, inverted>
      return [fromBits(p[2], p[3]), fromBits(~p[6] & 0xffff, ~p[7] & 0xffff)];
    default:
      // IPv4-compatible (::a.b.c.d, deprecated by RFC 4291); :: and ::1 are IPv6's own.
      return p.slice(0, 6).every((part) => part === 0) && (p[6] !== 0 || p[7] > 1) ? [last] : [];
  }
}

/** Forms of an IPv6 address whose meaning is only the IPv4 inside: judged by that IPv4 alone. */
const TRANSLATED = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

function parse(address: string): Address | null {
  return ipaddr.isValid(address) ? ipaddr.parse(address) : null;
}

/** The built-in rule: the class of an address that is not public unicast (or that carries one that is not), or null. */
export function forbiddenReason(address: string): string | null {
  const parsed = parse(address);
  if (!parsed) return null;
  if (parsed.kind() === 'ipv4') return ipv4Reason(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  for (const v4 of embedded) {
    const reason = ipv4Reason(v4);
    if (reason) return reason;
  }
  const range = v6.range();
  if (TRANSLATED.has(range)) return null;
  if (range === 'unicast' && embedded.length > 0) return 'IPv4-compatible';
  return range === 'unicast' ? null : range;
}

function ipv4Reason(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : range;
}

/** Host names that always mean this machine or its metadata service, whatever DNS says. */
const LOCAL_NAMES = /^(localhost|.*\.localhost|metadata\.google\.internal|metadata)$/i;

/** A URL's host without brackets or trailing dots (`localhost.` is `localhost`). */
const bareHost = (hostname: string): string => hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');

export interface Refusal {
  /** `loopback`, `private`, … or the denied range. */
  reason: string;
  /** true when the operator's deny list refused it (no setting of the user's would change that). */
  denied: boolean;
}

/** Parses `10.0.0.0/8, 192.0.2.1, fd00::/8` (a bare address is its own range); throws on anything else. */
export function parseCidrList(text: string): Array<[Address, number]> {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    try {
      return part.includes('/') ? ipaddr.parseCIDR(part) : ((address) => [address, address.kind() === 'ipv4' ? 32 : 128] as [Address, number])(ipaddr.parse(part));
    } catch {
      throw new Error(`"${part}" is not an IP address or CIDR range (examples: 10.0.0.0/8, 192.0.2.1, fd00::/8)`);
    }
  });
}

/** Where deliveries may connect: the built-in rule, the private-networks switch, and the operator's lists. */
export class EgressPolicy {
  readonly #deny: Array<[Address, number]>;
  readonly #allow: Array<[Address, number]>;

  constructor(readonly allowPrivateNetworks: boolean, deny = '', allow = '') {
    this.#deny = parseCidrList(deny);
    this.#allow = parseCidrList(allow);
  }

  /** Whether connections must be checked where they are made (a name may resolve to anything). */
  get checksConnections(): boolean {
    return !this.allowPrivateNetworks || this.#deny.length > 0;
  }

  /** Why a connection to `address` is refused, or null. Not an IP address: null (names are checked once resolved). */
  refusal(address: string): Refusal | null {
    const parsed = parse(address);
    if (!parsed) return null;
    const forms: Address[] = [parsed, ...(parsed.kind() === 'ipv6' ? embeddedIPv4(parsed as ipaddr.IPv6) : [])];
    const denied = forms.map((form) => matching(this.#deny, form)).find((range) => range !== null);
    if (denied) return { reason: `in ${denied}`, denied: true };
    if (forms.some((form) => matching(this.#allow, form) !== null) || this.allowPrivateNetworks) return null;
    const reason = forbiddenReason(address);
    return reason ? { reason, denied: false } : null;
  }

  /** A URL's host as written: literal addresses by `refusal`, and the names that always mean this machine. */
  hostRefusal(hostname: string): Refusal | null {
    const host = bareHost(hostname);
    if (!this.allowPrivateNetworks && LOCAL_NAMES.test(host)) return { reason: 'local host name', denied: false };
    return this.refusal(host);
  }
}

function matching(ranges: Array<[Address, number]>, address: Address): string | null {
  for (const [base, bits] of ranges) {
    if (base.kind() === address.kind() && address.match(base as never, bits)) return `${base.toString()}/${bits}`;
  }
  return null;
}

/** ipaddr.js's names of address ranges (and hookd's own), as a sentence says them. */
const RANGE_WORDS = new Map([
  ['loopback', 'a loopback address'], ['private', 'a private address'], ['linkLocal', 'a link-local address'],
  ['uniqueLocal', 'a unique-local address'], ['carrierGradeNat', 'a carrier-grade NAT address'], ['multicast', 'a multicast address'],
  ['broadcast', 'a broadcast address'], ['unspecified', 'an unspecified address'], ['reserved', 'a reserved address'],
  ['IPv4-compatible', 'an IPv4-compatible IPv6 address'], ['6to4', 'a 6to4 address'], ['teredo', 'a Teredo address'],
  ['rfc6052', 'a NAT64 address'], ['rfc6145', 'an IPv4-translated address'], ['ipv4Mapped', 'an IPv4-mapped address'],
  ['discard', 'a discard-only address'], ['local host name', 'a name that always means this machine or its metadata service'],
]);

/** The refusal in words, for an error message: why, and what would change it. */
export function describeRefusal(refusal: Refusal): string {
  if (refusal.denied) return `denied by the operator (HOOKD_EGRESS_DENY, ${refusal.reason})`;
  const what = RANGE_WORDS.get(refusal.reason) ?? `an address hookd does not deliver to (${refusal.reason})`;
  return `${what}; set HOOKD_ALLOW_PRIVATE_NETWORKS=true, or list it in HOOKD_EGRESS_ALLOW, to allow it`;
}
