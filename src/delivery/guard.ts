/**
 * Refuses connections the egress policy forbids (private, loopback, link-local and metadata addresses
 * unless allowed; the operator's deny list always), checked on the address actually connected to:
 * names are resolved here and every answer is checked, so a DNS answer that changes between the URL
 * check and the connect (DNS rebinding) cannot slip through.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { describeRefusal, type EgressPolicy, type Refusal } from '../core/addresses.ts';

export class BlockedAddressError extends Error {
  readonly code = 'HOOKD_BLOCKED_ADDRESS';
  constructor(host: string, address: string, refusal: Refusal) {
    super(`refused to connect to ${host} (${address}): ${describeRefusal(refusal)}`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(egress: EgressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const refusal = egress.refusal(address);
        if (refusal) return callback(new BlockedAddressError(hostname, address, refusal) as unknown as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export function guardedConnector(connectTimeoutMs: number, egress: EgressPolicy): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: guardedLookup(egress) } as buildConnector.BuildOptions);
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const refusal = egress.refusal(host);
      if (refusal) {
        callback(new BlockedAddressError(host, host, refusal), null);
        return;
      }
    }
    connect(options, callback);
  };
}
