import { describe, expect, it } from 'vitest';
import { EgressPolicy, forbiddenReason } from '../../src/core/addresses.ts';

/** A URL's host as the built-in rule judges it (no lists, private networks not allowed). */
const hostReason = (host: string): string | null => new EgressPolicy(false).hostRefusal(host)?.reason ?? null;

describe('forbiddenReason', () => {
  it('names the class of every address that is not public unicast', () => {
    const cases: Array<[string, string]> = [
      ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['::1', 'loopback'],
      ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.0.1', 'private'],
      ['169.254.169.254', 'linkLocal'], ['fe80::1', 'linkLocal'],
      ['fd00::1', 'uniqueLocal'], ['fc00::1', 'uniqueLocal'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['0.0.0.0', 'unspecified'], ['::', 'unspecified'],
      ['224.0.0.1', 'multicast'], ['ff02::1', 'multicast'],
      ['255.255.255.255', 'broadcast'],
    ];
    for (const [address, reason] of cases) expect(forbiddenReason(address), address).toBe(reason);
  });

  it('sees through IPv4-mapped IPv6 addresses', () => {
    expect(forbiddenReason('::ffff:127.0.0.1')).toBe('loopback');
    expect(forbiddenReason('::ffff:192.168.0.1')).toBe('private');
    expect(forbiddenReason('::ffff:7f00:1')).toBe('loopback');
    expect(forbiddenReason('::ffff:a9fe:a9fe')).toBe('linkLocal');
    expect(forbiddenReason('::ffff:93.184.216.34')).toBeNull();
  });

  it('sees the IPv4 inside every other IPv6 form: compatible, translated, NAT64, 6to4, Teredo', () => {
    // Teredo: 2001:0:<server IPv4>::<client IPv4, bits inverted>; 127.0.0.1 inverted is 80ff:fffe.
    const cases: Array<[string, string | null]> = [
      ['::7f00:1', 'loopback'], ['::a00:1', 'private'], ['::808:808', 'IPv4-compatible'],
      ['::ffff:0:7f00:1', 'loopback'], ['::ffff:0:808:808', null],
      ['64:ff9b::7f00:1', 'loopback'], ['64:ff9b::a9fe:a9fe', 'linkLocal'], ['64:ff9b::5db8:d822', null], ['64:ff9b:1::a00:1', 'private'],
      ['2002:7f00:1::', 'loopback'], ['2002:c0a8:101::1', 'private'], ['2002:5db8:d822::1', '6to4'],
      ['2001:0:7f00:1::1', 'loopback'], ['2001:0:5db8:d822:0:0:80ff:fffe', 'loopback'], ['2001:0:5db8:d822::a2a3:dfdd', 'teredo'],
    ];
    for (const [address, reason] of cases) expect(forbiddenReason(address), address).toBe(reason);
  });

  it('lets public unicast through, and does not judge what is not an address', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:2800:220:1:248:1893:25c8:1946', '2001:4860:4860::8888']) {
      expect(forbiddenReason(address), address).toBeNull();
    }
    expect(forbiddenReason('example.com')).toBeNull();
  });
});

describe('a URL host under the built-in rule', () => {
  it('refuses local host names, whatever their case or a trailing dot', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', 'api.localhost.', 'metadata.google.internal', 'metadata.google.internal.', 'metadata']) {
      expect(hostReason(host), host).toBe('local host name');
    }
  });

  it('classifies literal addresses, bracketed IPv6 included', () => {
    expect(hostReason('127.0.0.1')).toBe('loopback');
    expect(hostReason('[::1]')).toBe('loopback');
    expect(hostReason('[::ffff:7f00:1]')).toBe('loopback');
    expect(hostReason('[fd00::1]')).toBe('uniqueLocal');
    expect(hostReason('169.254.169.254')).toBe('linkLocal');
  });

  it('lets public names and addresses through', () => {
    for (const host of ['example.com', 'example.com.', 'localhost.example.com', 'mylocalhost', 'metadata.example.com', '93.184.216.34', '[2001:4860:4860::8888]']) {
      expect(hostReason(host), host).toBeNull();
    }
  });
});
