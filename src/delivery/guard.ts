/**
 * Refuses connections to private, loopback, link-local and metadata addresses, checked on the address
 * actually connected to: names are resolved here and every answer is checked, so a DNS answer that
 * changes between the URL check and the connect (DNS rebinding) cannot slip through.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { forbiddenReason } from '../core/addresses.ts';

export class BlockedAddressError extends Error {
  readonly code = 'HOOKD_BLOCKED_ADDRESS';
  constructor(host: string, address: string, reason: string) {
    super(`refused to connect to ${host} (${address}): ${reason} address; set HOOKD_ALLOW_PRIVATE_NETWORKS=true to allow`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    for (const { address } of addresses) {
      const reason = forbiddenReason(address);
      if (reason) return callback(new BlockedAddressError(hostname, address, reason) as unknown as NodeJS.ErrnoException, []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

export function guardedConnector(connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: guardedLookup } as buildConnector.BuildOptions);
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const reason = forbiddenReason(host);
      if (reason) {
        callback(new BlockedAddressError(host, host, reason), null);
        return;
      }
    }
    connect(options, callback);
  };
}
