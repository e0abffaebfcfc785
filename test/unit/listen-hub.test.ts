/**
 * The `hookd listen` hub (api/listen/hub.ts) and a stream whose connection closed while its request was
 * being checked: a CLI killed right after it asked for its stream. That stream's 'close' has come and
 * gone before the hub takes it over, so nothing would ever stop the renewal of the session's lease, and
 * its temporary webhook would outlive the CLI (the CLI test saw it once, under load). A real HTTP server
 * and client on loopback; the core is reduced to the two calls the hub makes.
 */
import { once } from 'node:events';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/hookd.ts';
import { ListenHub } from '../../src/api/listen/hub.ts';
import { sleep } from '../helpers/hookd.ts';

const GRACE_MS = 300;

function hubCountingRenewals(): { hub: ListenHub; renewals: () => number } {
  let renewals = 0;
  const core = { listeners: { sweep: async () => 0, renew: async () => { renewals++; } } } as unknown as Core;
  return { hub: new ListenHub(core, { graceMs: GRACE_MS, answerTimeoutMs: 1000, log: pino({ level: 'silent' }) }), renewals: () => renewals };
}

/** A server whose one request's connection is gone by the time `handle` gets its response. */
async function responseClosedBeforeHandled(handle: (response: ServerResponse) => void): Promise<() => Promise<void>> {
  const server = createServer((incoming, response) => {
    void (async () => {
      // The client is gone while the request is still being checked (the route's awaits).
      incoming.socket.destroy();
      await once(response, 'close');
      handle(response);
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const asking = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/stream' });
  asking.on('error', () => undefined);
  asking.end();
  return async () => {
    server.close();
    await once(server, 'close');
  };
}

describe('the listen hub', () => {
  const hubs: ListenHub[] = [];
  afterEach(() => {
    for (const hub of hubs.splice(0)) hub.close();
  });

  it('does not take over a stream whose connection is already gone: no lease renewed, no session held', async () => {
    const { hub, renewals } = hubCountingRenewals();
    hubs.push(hub);
    let attached = false;
    const stop = await responseClosedBeforeHandled((response) => {
      hub.attach('session', 1, 2, response);
      attached = true;
    });
    while (!attached) await sleep(5);
    // Several renewal periods (a third of the grace each).
    await sleep(GRACE_MS * 2);
    expect(renewals()).toBe(0);
    expect((await hub.relay('session', {}, '{}')).status).toBe(503);
    await stop();
  });
});
