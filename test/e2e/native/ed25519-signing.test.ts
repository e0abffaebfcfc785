/**
 * Ed25519 signatures (Standard Webhooks `v1a`) and key discovery, end to end: the receiver fetches the
 * workspace's JWKS over HTTP, picks the keys each delivery names in `webhook-key-id`, and verifies with a
 * third-party implementation (@noble/ed25519); through a rotation (both keys during the grace period, then
 * only the new one) and switches between HMAC and Ed25519. The private keys never appear in an answer or
 * in the log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { verifyAsync } from '@noble/ed25519';
import pino from 'pino';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookd, type Hookd } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { ApiClient, TEST_SETTINGS, createWorkspace, sleep, type ApiResponse } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { Receiver, type Received } from '../../helpers/receiver.ts';

const GRACE_MS = 2500;

/** Every answer the tests got, to look for private keys in afterwards. */
const answers: string[] = [];
const logLines: string[] = [];

/** An ApiClient that keeps every answer's text. */
function recording(client: ApiClient): ApiClient {
  const request = client.request.bind(client);
  client.request = async <T,>(...args: Parameters<ApiClient['request']>): Promise<ApiResponse<T>> => {
    const response = await request<T>(...args);
    answers.push(response.text);
    return response;
  };
  return client;
}

interface Jwk { kty: string; crv: string; x: string; kid: string; use: string; alg: string }

/** What a receiver does: fetch the JWKS (no credentials), then verify each v1a signature with the key its id names. */
async function verifyThroughJwks(jwksUrl: string, request: Received): Promise<{ verified: string[]; jwks: Jwk[] }> {
  const response = await fetch(jwksUrl);
  expect(response.status).toBe(200);
  const jwks = ((await response.json()) as { keys: Jwk[] }).keys;
  answers.push(JSON.stringify(jwks));
  const kids = String(request.headers['webhook-key-id']).split(' ');
  const signatures = String(request.headers['webhook-signature']).split(' ').filter((s) => s.startsWith('v1a,')).map((s) => s.slice(4));
  expect(signatures).toHaveLength(kids.length);
  const signed = Buffer.concat([Buffer.from(`${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.`), request.body]);
  const verified: string[] = [];
  for (const [i, kid] of kids.entries()) {
    const jwk = jwks.find((key) => key.kid === kid);
    if (jwk && await verifyAsync(Buffer.from(signatures[i], 'base64'), signed, Buffer.from(jwk.x, 'base64url'))) verified.push(kid);
  }
  return { verified, jwks };
}

const kidsOf = (jwks: Jwk[]) => jwks.map((key) => key.kid).sort();

describe('Ed25519 signatures and the workspace JWKS', () => {
  let hookd: Hookd;
  let api: ApiClient;
  let receiver: Receiver;
  let dataDir: string;
  let dropSchema: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookd-ed25519-'));
    const schema = USE_POSTGRES ? await createTestSchema() : null;
    dropSchema = schema?.drop;
    // Everything logged, the dispatcher in this thread so that its log is caught too.
    const log = pino({ level: 'trace' }, new Writable({ write(chunk, _encoding, done) { logLines.push(String(chunk)); done(); } }));
    const config = loadConfig({}, {
      ...TEST_SETTINGS, dataDir, secretRotationGrace: `${GRACE_MS}ms`, dispatchThread: 'false', logLevel: 'trace',
      ...(schema ? { databaseUrl: schema.url } : {}),
    });
    hookd = await startHookd(config, log);
    api = recording(new ApiClient(hookd.url as string));
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await hookd?.close();
    await receiver?.close();
    await dropSchema?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function workspace(name: string) {
    const ws = await createWorkspace(api, name);
    return { ...ws, api: recording(ws.api), jwksUrl: `${hookd.url}/workspaces/${ws.id}/.well-known/jwks.json` };
  }

  async function deliver(ws: Awaited<ReturnType<typeof workspace>>, data: Record<string, unknown>): Promise<Received> {
    const before = receiver.requests.length;
    const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data });
    expect(published.status, published.text).toBe(202);
    const request = (await receiver.waitFor(before + 1)).find((r) => r.headers['webhook-id'] === published.body.data.id);
    expect(request).toBeDefined();
    return request as Received;
  }

  /** The private key as stored (sealed), opened: what must never be shown. */
  async function privateKeysOf(webhookId: string, workspaceId: string): Promise<string[]> {
    const ws = await hookd.store.workspaces.get(workspaceId);
    const stored = await hookd.store.webhooks.get(ws!, webhookId);
    const secrets = await hookd.store.webhooks.secrets(stored!.seq);
    return [secrets!.secretEnc, secrets!.previousSecretEnc].filter((s) => s !== null).map((sealed) => hookd.core.ctx.box.decrypt(sealed as string))
      .filter((secret) => secret.startsWith('whsk_'));
  }
  const privateKeys = new Set<string>();

  it('signs with v1a, names the key, and a receiver verifies through the JWKS it fetched', async () => {
    const ws = await workspace('ed25519');
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'signed', url: receiver.url('/ed'), events: ['order.created'], active: true, signing: 'ed25519' });
    expect(created.status, created.text).toBe(201);
    const webhook = created.body.data;
    expect(webhook).toMatchObject({ signing: 'ed25519', publicKey: expect.stringMatching(/^whpk_[A-Za-z0-9+/]{43}=$/), keyId: expect.any(String) });
    expect(webhook.secret).toBeUndefined();
    // An HMAC webhook beside it: its secret is never in the JWKS.
    const hmac = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'hmac', url: receiver.url('/hmac'), events: ['order.updated'], active: true });
    expect(hmac.body.data).toMatchObject({ signing: 'hmac', publicKey: null, keyId: null });

    const jwks = await fetch(ws.jwksUrl);
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=60');
    expect(jwks.headers.get('content-type')).toMatch(/^application\/json/);
    const keys = ((await jwks.json()) as { keys: Jwk[] }).keys;
    expect(keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: Buffer.from(webhook.publicKey.slice(5), 'base64').toString('base64url'), kid: webhook.keyId, use: 'sig', alg: 'EdDSA' }]);

    const secret = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/secret`);
    expect(secret.body.data).toEqual({ signing: 'ed25519', secret: null, publicKey: webhook.publicKey, keyId: webhook.keyId, previousSecret: null, previousPublicKey: null, previousKeyId: null, previousSecretExpiresAt: null });

    const request = await deliver(ws, { id: 1, name: 'Zoë' });
    expect(String(request.headers['webhook-signature'])).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    expect(request.headers['webhook-key-id']).toBe(webhook.keyId);
    expect((await verifyThroughJwks(ws.jwksUrl, request)).verified).toEqual([webhook.keyId]);
    // A body changed on the way no longer verifies.
    const tampered = { ...request, body: Buffer.from(request.text.replace('Zoë', 'Zoe')) };
    expect((await verifyThroughJwks(ws.jwksUrl, tampered)).verified).toEqual([]);

    // Test sends are signed the same way.
    const before = receiver.requests.length;
    const tests = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`, {});
    expect(tests.body.data.testsSucceeded).toBe(1);
    expect((await verifyThroughJwks(ws.jwksUrl, receiver.requests[before])).verified).toEqual([webhook.keyId]);
    for (const key of await privateKeysOf(webhook.id, ws.id)) privateKeys.add(key);
  });

  it('rotates: both keys sign and are published during the grace period, then only the new one', async () => {
    const ws = await workspace('rotation');
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'rotating', url: receiver.url('/rotating'), events: ['order.created'], active: true, signing: 'ed25519' })).body.data;
    const rotated = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/rotate-secret`, {});
    expect(rotated.status, rotated.text).toBe(200);
    const next = rotated.body.data;
    expect(next.secret).toBeUndefined();
    expect(next.signing).toBe('ed25519');
    expect(next.keyId).not.toBe(webhook.keyId);
    const rotatedAt = Date.now();
    for (const key of await privateKeysOf(webhook.id, ws.id)) privateKeys.add(key);

    const during = await deliver(ws, { id: 2 });
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(String(during.headers['webhook-key-id']).split(' ')).toEqual([next.keyId, webhook.keyId]);
    const checked = await verifyThroughJwks(ws.jwksUrl, during);
    expect(checked.verified).toEqual([next.keyId, webhook.keyId]);
    expect(kidsOf(checked.jwks)).toEqual([next.keyId, webhook.keyId].sort());
    const secret = (await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/secret`)).body.data;
    expect(secret).toMatchObject({ secret: null, publicKey: next.publicKey, previousSecret: null, previousPublicKey: webhook.publicKey, previousKeyId: webhook.keyId });

    // A key given to rotate to is refused: hookd makes the pair.
    const given = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/rotate-secret`, { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    expect(given.status).toBe(400);
    expect(given.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'secret' } });

    await sleep(rotatedAt + GRACE_MS + 200 - Date.now());
    const after = await deliver(ws, { id: 3 });
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(after.headers['webhook-key-id']).toBe(next.keyId);
    const later = await verifyThroughJwks(ws.jwksUrl, after);
    expect(later.verified).toEqual([next.keyId]);
    expect(kidsOf(later.jwks)).toEqual([next.keyId]);
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/secret`)).body.data).toMatchObject({ previousPublicKey: null, previousSecretExpiresAt: null });
  });

  it('switches from HMAC to Ed25519 and back as a rotation: the old material signs too for the grace period', async () => {
    const ws = await workspace('switch');
    const hmacSecret = 'whsec_' + Buffer.from('the secret this webhook had first').toString('base64');
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'switching', url: receiver.url('/switching'), events: ['order.created'], active: true, secret: hmacSecret })).body.data;

    const toEd = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { signing: 'ed25519' });
    expect(toEd.status, toEd.text).toBe(200);
    expect(toEd.body.data).toMatchObject({ signing: 'ed25519', publicKey: expect.stringMatching(/^whpk_/) });
    expect(toEd.body.data.secret).toBeUndefined();
    for (const key of await privateKeysOf(webhook.id, ws.id)) privateKeys.add(key);
    const both = await deliver(ws, { id: 4 });
    expect(String(both.headers['webhook-signature'])).toMatch(/^v1a,\S+ v1,\S+$/);
    expect((await verifyThroughJwks(ws.jwksUrl, both)).verified).toEqual([toEd.body.data.keyId]);
    // A receiver still on the HMAC secret verifies too, with any Standard Webhooks library.
    expect(new StandardWebhook(hmacSecret).verify(both.text, both.headers as Record<string, string>)).toMatchObject({ data: { id: 4 } });
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/secret`)).body.data).toMatchObject({ signing: 'ed25519', secret: null, previousSecret: hmacSecret, previousPublicKey: null });

    // A secret cannot be set on an Ed25519 webhook, except with a switch back to HMAC.
    const refused = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { secret: hmacSecret });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual({ field: 'secret' });
    // PUT leaves signing as it is when it is left out.
    const replaced = await ws.api.put(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { name: 'switching', url: receiver.url('/switching'), events: ['order.created'], active: true });
    expect(replaced.body.data).toMatchObject({ signing: 'ed25519', publicKey: toEd.body.data.publicKey });

    const toHmac = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { signing: 'hmac' });
    expect(toHmac.status, toHmac.text).toBe(200);
    expect(toHmac.body.data).toMatchObject({ signing: 'hmac', publicKey: null, keyId: null, secret: expect.stringMatching(/^whsec_/) });
    const back = await deliver(ws, { id: 5 });
    expect(String(back.headers['webhook-signature'])).toMatch(/^v1,\S+ v1a,\S+$/);
    expect(new StandardWebhook(toHmac.body.data.secret).verify(back.text, back.headers as Record<string, string>)).toMatchObject({ data: { id: 5 } });
    // The rotated-out Ed25519 key is still published and still signs, until the grace period ends.
    expect((await verifyThroughJwks(ws.jwksUrl, back)).verified).toEqual([toEd.body.data.keyId]);
  });

  it('refuses what cannot be, with a 400 in the native envelope', async () => {
    const ws = await workspace('refusals');
    const base = { name: 'x', url: receiver.url('/x'), events: ['order.created'] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, signing: 'rsa' }, 'signing'],
      [{ ...base, signing: 'ed25519', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'secret'],
      [{ ...base, secret: 'whsk_' + Buffer.alloc(32, 7).toString('base64') }, 'secret'],
      [{ ...base, signing: ['ed25519'] }, 'signing'],
    ];
    for (const [body, field] of cases) {
      const response = await ws.api.post(`/workspaces/${ws.id}/webhooks`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.field).toContain(field);
    }
  });

  it('answers the JWKS of an unknown workspace, or a hostile id, with the native error envelope', async () => {
    const unknown = await fetch(`${hookd.url}/workspaces/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/.well-known/jwks.json`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ data: null, error: { code: 'RESOURCE_NOT_FOUND' } });
    const long = await fetch(`${hookd.url}/workspaces/${'a'.repeat(101)}/.well-known/jwks.json`);
    expect(long.status).toBe(414);
    expect(await long.json()).toMatchObject({ data: null, error: { code: expect.any(String) } });
    for (const id of ['__proto__', 'constructor', '%00', "'; DROP TABLE webhooks; --"]) {
      const response = await fetch(`${hookd.url}/workspaces/${encodeURIComponent(id)}/.well-known/jwks.json`);
      expect(response.status, id).toBe(404);
    }
    const posted = await fetch(`${hookd.url}/workspaces/x/.well-known/jwks.json`, { method: 'POST' });
    expect(posted.status).toBe(405);
    // HEAD, as every GET route.
    const ws = await workspace('head');
    expect((await fetch(`${hookd.url}/workspaces/${ws.id}/.well-known/jwks.json`, { method: 'HEAD' })).status).toBe(200);
  });

  it('never shows a private key: not in any answer, nor in the log', () => {
    expect(privateKeys.size).toBeGreaterThanOrEqual(4);
    const shown = [...answers, ...logLines].join('\n');
    expect(shown).not.toMatch(/whsk_[A-Za-z0-9+/]{43}=/);
    for (const key of privateKeys) {
      expect(key).toMatch(/^whsk_/);
      const seed = Buffer.from(key.slice(5), 'base64');
      for (const form of [key.slice(5), seed.toString('base64url'), seed.toString('hex')]) expect(shown).not.toContain(form);
    }
    expect(logLines.some((line) => line.includes('signing secret revealed'))).toBe(true);
  });
});
