/**
 * The typed client (`hookd/client`) against a live hookd: the committed types match the OpenAPI document
 * the server serves (regenerate with `npm run generate:client`), and a user's path through the API works
 * through it, with errors as HookdError carrying the API's code and field.
 */
import { readFileSync } from 'node:fs';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { HookdClient, HookdError } from '../../../src/client/index.ts';
import { CLIENT_TYPES_FILE, clientTypes } from '../../../src/client/generate.ts';
import { ADMIN, hookdWithReceiver } from '../../helpers/hookd.ts';

describe('the typed client', () => {
  const fixture = hookdWithReceiver();

  it('is up to date with the OpenAPI document (npm run generate:client)', async () => {
    const document = await (await fetch(`${fixture.server.url}/openapi.json`)).json();
    const expected = await clientTypes(document);
    // Compared without printing 4 000 lines on a mismatch.
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8') === expected, 'src/client/api.ts is out of date: run npm run generate:client').toBe(true);
  });

  it('creates, publishes, lists and reads back, typed end to end', async () => {
    const admin = new HookdClient({ url: fixture.server.url, token: ADMIN });
    const workspace = await admin.data(admin.api.POST('/workspaces', { body: { name: 'through the client' } }));
    const key = await admin.data(admin.api.POST('/workspaces/{ws}/api-keys', { params: { path: { ws: workspace.id } }, body: { name: 'client' } }));
    const hookd = new HookdClient({ url: `${fixture.server.url}/`, token: key.key });
    const ws = workspace.id;

    const webhook = await hookd.data(hookd.api.POST('/workspaces/{ws}/webhooks', {
      params: { path: { ws } }, body: { name: 'typed', url: fixture.receiver.url('/typed'), events: ['order.created'], active: true },
    }));
    expect(webhook.secret).toMatch(/^whsec_/);
    const published = await hookd.data(hookd.api.POST('/workspaces/{ws}/events', { params: { path: { ws } }, body: { type: 'order.created', data: { id: 7 } } }));
    expect(published.deliveryCount).toBe(1);
    const [request] = await fixture.receiver.waitFor(1);
    new StandardWebhook(webhook.secret!).verify(request.text, request.headers as Record<string, string>);

    const events = await hookd.page(hookd.api.GET('/workspaces/{ws}/events', { params: { path: { ws }, query: { type: 'order.*', limit: 10 } } }));
    expect(events.items.map((event) => event.id)).toEqual([published.id]);
    expect(events.nextCursor).toBeNull();
    const secret = await hookd.data(hookd.api.GET('/workspaces/{ws}/webhooks/{id}/secret', { params: { path: { ws, id: webhook.id } } }));
    expect(secret.secret).toBe(webhook.secret);
    const count = await hookd.data(hookd.api.GET('/workspaces/{ws}/webhooks/count', { params: { path: { ws }, query: { event: 'order.created' } } }));
    expect(count.count).toBe(1);
    await hookd.done(hookd.api.DELETE('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws, id: webhook.id } } }));
    await expect(hookd.done(hookd.api.DELETE('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws, id: webhook.id } } }))).rejects.toMatchObject({ status: 404, code: 'RESOURCE_NOT_FOUND' });
  });

  it('throws HookdError with the code, message and field of an error answer', async () => {
    const admin = new HookdClient({ url: fixture.server.url, token: ADMIN });
    const workspace = await admin.data(admin.api.POST('/workspaces', { body: { name: 'errors' } }));
    const invalid = await admin.data(admin.api.POST('/workspaces/{ws}/webhooks', {
      params: { path: { ws: workspace.id } }, body: { name: 'bad', url: 'ftp://example.com/', events: ['order.created'] },
    })).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(HookdError);
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'url' });

    const wrongToken = new HookdClient({ url: fixture.server.url, token: 'hk_nope' });
    await expect(wrongToken.data(wrongToken.api.GET('/workspaces/{ws}', { params: { path: { ws: workspace.id } } }))).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });

    // Not a hookd at all: the receiver answers 200 "ok" to anything, but not to a GET it does not know.
    fixture.receiver.behaviour = { kind: 'status', status: 404, body: 'nothing here' };
    try {
      const elsewhere = new HookdClient({ url: fixture.receiver.url(''), token: 'x' });
      await expect(elsewhere.data(elsewhere.api.GET('/workspaces/{ws}', { params: { path: { ws: 'w' } } }))).rejects.toMatchObject({ status: 404, code: 'UNEXPECTED_ANSWER' });
    } finally {
      fixture.receiver.behaviour = { kind: 'status', status: 200, body: 'ok' };
    }
  });
});
