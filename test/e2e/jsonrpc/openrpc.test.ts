/**
 * The JSON-RPC face's OpenRPC document at /openrpc.json: valid by the OpenRPC project's own validator, and
 * true to the face: its methods are exactly those the server answers, `call`'s paths exactly those it
 * dispatches, and the error codes it lists are the ones the face sends.
 */
import { validateOpenRPCDocument } from '@open-rpc/schema-utils-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_METHODS } from '../../../src/api/jsonrpc/methods.ts';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('the OpenRPC document', () => {
  let server: TestHookd;
  let document: any;
  const rpc = async (method: string, params: unknown[]) => (await fetch(`${server.url}/api/jsonrpc`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })).json() as Promise<any>;

  beforeAll(async () => {
    server = await startTestHookd();
    const response = await fetch(`${server.url}/openrpc.json`);
    expect(response.status).toBe(200);
    document = await response.json();
  });
  afterAll(async () => { await server?.stop(); });

  it('is a valid OpenRPC document', () => {
    const result = validateOpenRPCDocument(document);
    expect(result === true ? true : String(result)).toBe(true);
  });

  it('lists the methods the server answers, and only those', async () => {
    const names = document.methods.map((method: any) => method.name).sort();
    expect(names).toEqual(['call', 'endSession', 'login']);
    for (const name of names) expect((await rpc(name, [])).error?.code, name).not.toBe(-32601);
    expect((await rpc('logout', [])).error.code).toBe(-32601);
  });

  it("lists every path `call` dispatches, and each one's arguments and result", async () => {
    const call = document.methods.find((method: any) => method.name === 'call');
    const paths = call.params.find((param: any) => param.name === 'path').schema.enum;
    expect([...paths].sort()).toEqual([...RESOURCE_METHODS.keys()].sort());
    for (const path of paths) expect(call.description).toMatch(new RegExp(`^${path.replace('.', '\\.')}\\(\\[.*\\]\\) → \\S`, 'm'));

    // A path the document does not list is refused by the server as ShipStream does.
    const ws = await createWorkspace(server.api, 'openrpc');
    const session = (await rpc('login', [ws.consumerKey, ws.consumerSecret])).result;
    expect((await rpc('call', [session, 'webhook.frobnicate', []])).error.code).toBe(document.components.errors.invalidApiPath.code);
    expect((await rpc('call', [session, 'webhook.info', [999999]])).error.code).toBe(document.components.errors.webhookNotExists.code);
    expect((await rpc('call', [session, 'webhook.list', []])).result).toEqual([]);
  });

  it('is served, guarded and turned off with the OpenAPI document', async () => {
    const guarded = await startTestHookd({ metricsToken: 't' });
    const off = await startTestHookd({ infoEndpoints: 'metrics' });
    try {
      expect((await fetch(`${guarded.url}/openrpc.json`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/openrpc.json`, { headers: { authorization: 'Bearer t' } })).status).toBe(200);
      expect((await fetch(`${off.url}/openrpc.json`)).status).toBe(404);
    } finally {
      await guarded.stop();
      await off.stop();
    }
  });
});
