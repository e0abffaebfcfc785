/**
 * The web UI's sessions through the native API (core/ui-sessions.ts, api/native/context.ts): signing in
 * sets an HttpOnly cookie; changes made with it need the CSRF token; a portal link works once, opens its
 * own workspace only and only the routes a portal may use; read-only portals only read; sessions end on
 * sign-out, key revocation and workspace deletion. Also the portal's settings and the health report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { expectData, expectError } from './envelope.ts';

/** A browser's cookie jar of one: the session cookie hookd set, sent back on every request. */
class Browser {
  cookie = '';
  csrf = '';
  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    if (parsed?.data?.csrfToken) this.csrf = parsed.data.csrfToken;
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  change(method: string, path: string, body?: unknown) {
    return this.call(method, path, body, { 'x-csrf-token': this.csrf });
  }
}

describe('web UI sessions', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let other: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
    ws = await createWorkspace(server.api, 'ui');
    other = await createWorkspace(server.api, 'ui-other');
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it('signs in with the admin token: an HttpOnly SameSite cookie, and changes need the CSRF token', async () => {
    const browser = new Browser(server.url);
    const signIn = await browser.call('POST', '/ui-sessions', { token: ADMIN });
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hookd_session=[0-9a-f]{64};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(signIn.body.data).toMatchObject({ kind: 'admin', workspace: null, readOnly: false });

    expect((await browser.call('GET', '/workspaces')).status).toBe(200);
    const forged = await browser.call('POST', '/workspaces', { name: 'forged' });
    expectError(forged, 403, 'FORBIDDEN');
    expect(forged.body.error.message).toMatch(/CSRF/);
    expectError(await browser.call('POST', '/workspaces', { name: 'wrong' }, { 'x-csrf-token': 'a'.repeat(64) }), 403, 'FORBIDDEN');
    expectData(await browser.change('POST', '/workspaces', { name: 'made in the dashboard' }), 201);

    expect((await browser.change('DELETE', '/ui-sessions/current')).status).toBe(204);
    expectError(await browser.call('GET', '/workspaces'), 401, 'UNAUTHORIZED');
  });

  it('refuses a wrong token, and a cookie that names no session', async () => {
    const browser = new Browser(server.url);
    expectError(await browser.call('POST', '/ui-sessions', { token: 'nope' }), 401, 'UNAUTHORIZED');
    browser.cookie = `hookd_session=${'0'.repeat(64)}`;
    expectError(await browser.call('GET', '/ui-sessions/current'), 401, 'UNAUTHORIZED');
  });

  it('an API key session sees its own workspace only, and ends when the key is revoked', async () => {
    const key = expectData(await server.api.post(`/workspaces/${ws.id}/api-keys`, { name: 'dash' }), 201);
    const browser = new Browser(server.url);
    const signIn = expectData(await browser.call('POST', '/ui-sessions', { token: key.key }), 201);
    expect(signIn.kind).toBe('workspace');
    expect(signIn.workspace.id).toBe(ws.id);
    expect((await browser.call('GET', `/workspaces/${ws.id}/webhooks`)).status).toBe(200);
    expectError(await browser.call('GET', `/workspaces/${other.id}/webhooks`), 404, 'RESOURCE_NOT_FOUND');
    expectError(await browser.call('GET', '/workspaces'), 403, 'FORBIDDEN');
    expect((await server.api.delete(`/workspaces/${ws.id}/api-keys/${key.id}`)).status).toBe(204);
    expectError(await browser.call('GET', `/workspaces/${ws.id}/webhooks`), 401, 'UNAUTHORIZED');
  });

  it('a portal link opens its workspace once, and only what a portal may do', async () => {
    const link = expectData(await ws.api.post(`/workspaces/${ws.id}/portal-sessions`, { expiresIn: 600 }), 201);
    expect(link.url).toMatch(new RegExp(`^${server.url}/ui/portal/${ws.id}#token=[0-9a-f]{64}$`));
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    const token = link.url.split('#token=')[1];

    const browser = new Browser(server.url);
    const opened = expectData(await browser.call('POST', '/ui-sessions/portal', { token }), 201);
    expect(opened).toMatchObject({ kind: 'portal', readOnly: false, workspace: { id: ws.id } });
    expectError(await new Browser(server.url).call('POST', '/ui-sessions/portal', { token }), 401, 'UNAUTHORIZED');

    // Its own webhooks: yes, and changes with the CSRF token.
    const created = expectData(await browser.change('POST', `/workspaces/${ws.id}/webhooks`, { name: 'from the portal', url: receiver.url('/portal'), events: ['order.created'], active: true }), 201);
    expect((await browser.call('GET', `/workspaces/${ws.id}/webhooks/${created.id}/secret`)).status).toBe(200);
    // Another workspace's ids: not found. Admin and key routes, publishing, new portal links: refused.
    expectError(await browser.call('GET', `/workspaces/${other.id}/webhooks`), 404, 'RESOURCE_NOT_FOUND');
    expectError(await browser.call('GET', `/workspaces/${ws.id}/webhooks/${'0'.repeat(8)}-0000-0000-0000-000000000000`), 404, 'RESOURCE_NOT_FOUND');
    expectError(await browser.call('GET', '/workspaces'), 403, 'FORBIDDEN');
    expectError(await browser.call('GET', `/workspaces/${ws.id}/api-keys`), 403, 'FORBIDDEN');
    expectError(await browser.change('POST', `/workspaces/${ws.id}/api-keys`, { name: 'x' }), 403, 'FORBIDDEN');
    expectError(await browser.change('POST', `/workspaces/${ws.id}/events`, { type: 'order.created', data: {} }), 403, 'FORBIDDEN');
    expectError(await browser.change('POST', `/workspaces/${ws.id}/portal-sessions`, {}), 403, 'FORBIDDEN');
    expectError(await browser.change('PATCH', `/workspaces/${ws.id}`, { name: 'renamed' }), 403, 'FORBIDDEN');
    expectError(await browser.change('PUT', `/workspaces/${ws.id}/portal-settings`, {}), 403, 'FORBIDDEN');
    expectError(await browser.change('DELETE', `/workspaces/${ws.id}`), 403, 'FORBIDDEN');
  });

  it('a read-only portal reads and changes nothing; an expired or unknown link is refused', async () => {
    const link = expectData(await ws.api.post(`/workspaces/${ws.id}/portal-sessions`, { readOnly: true }), 201);
    const browser = new Browser(server.url);
    expectData(await browser.call('POST', '/ui-sessions/portal', { token: link.url.split('#token=')[1] }), 201);
    expect((await browser.call('GET', `/workspaces/${ws.id}/webhooks`)).status).toBe(200);
    const refused = await browser.change('POST', `/workspaces/${ws.id}/webhooks`, { name: 'x', url: receiver.url('/x'), events: ['order.created'] });
    expectError(refused, 403, 'FORBIDDEN');
    expect(refused.body.error.message).toMatch(/read-only/);
    expectError(await new Browser(server.url).call('POST', '/ui-sessions/portal', { token: 'f'.repeat(64) }), 401, 'UNAUTHORIZED');
    expectError(await ws.api.post(`/workspaces/${ws.id}/portal-sessions`, { expiresIn: 10 }), 400, 'VALIDATION_ERROR');
    expectError(await ws.api.post(`/workspaces/${ws.id}/portal-sessions`, { expiresIn: 10_000_000 }), 400, 'VALIDATION_ERROR');
  });

  it('portal settings: validated, shown to the portal session, and its page framed only by the listed origins', async () => {
    const saved = expectData(await ws.api.put(`/workspaces/${ws.id}/portal-settings`, {
      displayName: 'Acme', logoUrl: 'https://acme.example/logo.png', accentColor: '#0B5CAD', frameAncestors: ['https://app.acme.example', 'https://*.acme.example'],
    }), 200);
    expect(saved).toEqual({ displayName: 'Acme', logoUrl: 'https://acme.example/logo.png', accentColor: '#0b5cad', frameAncestors: ['https://app.acme.example', 'https://*.acme.example'] });
    for (const bad of [
      { frameAncestors: ["https://x.example; script-src 'unsafe-inline'"] },
      { frameAncestors: ['*'] },
      { accentColor: 'red' },
      { logoUrl: 'javascript:alert(1)' },
      { logoUrl: 'http://insecure.example/logo.png' },
    ]) expectError(await ws.api.put(`/workspaces/${ws.id}/portal-settings`, bad), 400, 'VALIDATION_ERROR');

    const page = await fetch(`${server.url}/ui/portal/${ws.id}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://app.acme.example https://*.acme.example');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const dashboard = await fetch(`${server.url}/ui/`);
    expect(dashboard.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(dashboard.headers.get('x-frame-options')).toBe('DENY');

    const link = expectData(await ws.api.post(`/workspaces/${ws.id}/portal-sessions`, {}), 201);
    const browser = new Browser(server.url);
    const opened = expectData(await browser.call('POST', '/ui-sessions/portal', { token: link.url.split('#token=')[1] }), 201);
    expect(opened.portal).toEqual(saved);
    expect((await browser.call('GET', '/ui-sessions/current')).body.data.portal).toEqual(saved);
  });

  it('workspace deletion ends its UI and portal sessions', async () => {
    const doomed = await createWorkspace(server.api, 'doomed');
    const link = expectData(await doomed.api.post(`/workspaces/${doomed.id}/portal-sessions`, {}), 201);
    const browser = new Browser(server.url);
    expectData(await browser.call('POST', '/ui-sessions/portal', { token: link.url.split('#token=')[1] }), 201);
    const unused = expectData(await doomed.api.post(`/workspaces/${doomed.id}/portal-sessions`, {}), 201);
    expect((await server.api.delete(`/workspaces/${doomed.id}`)).status).toBe(204);
    expectError(await browser.call('GET', `/workspaces/${doomed.id}/webhooks`), 401, 'UNAUTHORIZED');
    expectError(await new Browser(server.url).call('POST', '/ui-sessions/portal', { token: unused.url.split('#token=')[1] }), 401, 'UNAUTHORIZED');
  });

  it('reports each webhook\'s health: deliveries, success rate, p95 and last failure, and attempts over time', async () => {
    const health = await createWorkspace(server.api, 'health');
    const good = expectData(await health.api.post(`/workspaces/${health.id}/webhooks`, { name: 'good', url: receiver.url('/good'), events: ['order.created'], active: true }), 201);
    const down = await Receiver.start();
    down.behaviour = { kind: 'status', status: 500, body: 'down' };
    const bad = expectData(await health.api.post(`/workspaces/${health.id}/webhooks`, { name: 'bad', url: down.url('/bad'), events: ['order.created'], active: true }), 201);
    for (let i = 0; i < 3; i++) expectData(await health.api.post(`/workspaces/${health.id}/events`, { type: 'order.created', data: { id: i } }), 202);
    await eventually(async () => {
      const report = expectData(await health.api.get(`/workspaces/${health.id}/health`), 200);
      const b = report.webhooks.find((w: { webhookId: string }) => w.webhookId === bad.id);
      return b?.deliveries.failed === 3 || (b && b.attempts >= 9) ? report : null;
    }, 20_000);
    const report = expectData(await health.api.get(`/workspaces/${health.id}/health?window=24h`), 200);
    const g = report.webhooks.find((w: { webhookId: string }) => w.webhookId === good.id);
    const b = report.webhooks.find((w: { webhookId: string }) => w.webhookId === bad.id);
    expect(g).toMatchObject({ deliveries: { succeeded: 3, failed: 0, pending: 0 }, attempts: 3, succeededAttempts: 3, successRate: 1, lastFailure: null });
    expect(g.p95DurationMs).toBeGreaterThanOrEqual(0);
    expect(b.successRate).toBe(0);
    expect(b.lastFailure).toMatchObject({ responseCode: 500 });
    expect(report.series.length).toBe(24);
    const total = report.series.reduce((sum: number, p: { succeeded: number; failed: number }) => sum + p.succeeded + p.failed, 0);
    expect(total).toBe(g.attempts + b.attempts);
    const week = expectData(await health.api.get(`/workspaces/${health.id}/health?window=7d`), 200);
    expect(week.series.length).toBe(28);
    expectError(await health.api.get(`/workspaces/${health.id}/health?window=1y`), 400, 'VALIDATION_ERROR');
    expectError(await health.api.get(`/workspaces/${other.id}/health`), 404, 'RESOURCE_NOT_FOUND');
    await down.close();
  });
});
