/**
 * The customer portal in a real browser: a portal link opens its own workspace's portal, branded; the link
 * works once; another workspace's ids are not found, from the page and from the API with its cookie;
 * a read-only portal shows no buttons that change anything; no serious accessibility violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { HAVE_CHROMIUM, checkAccessibility, launchChromium, screenshot } from '../../helpers/browser.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';

describe.skipIf(!HAVE_CHROMIUM || USE_POSTGRES)('customer portal in a browser', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let browser: Browser;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let other: Awaited<ReturnType<typeof createWorkspace>>;
  let otherWebhook = '';

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
    ws = await createWorkspace(server.api, 'customer one');
    other = await createWorkspace(server.api, 'customer two');
    await ws.api.put(`/workspaces/${ws.id}/portal-settings`, { displayName: 'Acme Webhooks', accentColor: '#6f2da8' });
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'my endpoint', url: receiver.url('/mine'), events: ['order.created'], active: true });
    otherWebhook = (await other.api.post(`/workspaces/${other.id}/webhooks`, { name: 'their endpoint', url: receiver.url('/theirs'), events: ['order.created'], active: true })).body.data.id;
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 1 } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  const portalLink = async (body: object = {}) => (await ws.api.post(`/workspaces/${ws.id}/portal-sessions`, body)).body.data.url as string;

  it('opens its own workspace, branded, once', async () => {
    const url = await portalLink();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('header').textContent()).toContain('Acme Webhooks');
    expect(page.url()).not.toContain('token=');
    await page.getByRole('row').filter({ hasText: 'my endpoint' }).waitFor();
    expect(await page.getByText('their endpoint').count()).toBe(0);
    // No operator navigation, no portal links for the customer.
    expect(await page.getByRole('link', { name: 'Workspaces' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create portal link' }).count()).toBe(0);
    expect(await checkAccessibility(page)).toEqual([]);
    await screenshot(page, 'portal-overview');

    // Another workspace's ids: the page says not found, and the API answers 404 to this cookie.
    await page.goto(`${url.split('#')[0]}#/w/${other.id}/webhooks/${otherWebhook}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    const status = await page.evaluate(async ([otherId, webhookId]) => (await fetch(`/workspaces/${otherId}/webhooks/${webhookId}`)).status, [other.id, otherWebhook]);
    expect(status).toBe(404);
    const mine = await page.evaluate(async (id) => (await fetch(`/workspaces/${id}/webhooks`)).status, ws.id);
    expect(mine).toBe(200);
    const admin = await page.evaluate(async () => (await fetch('/workspaces')).status);
    expect(admin).toBe(403);

    // The same link again, in a fresh browser: refused.
    const again = await (await browser.newContext()).newPage();
    await again.goto(url);
    await again.getByRole('alert').filter({ hasText: /cannot be used/ }).waitFor();
    await context.close();
  });

  it('a read-only portal offers nothing that changes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(await portalLink({ readOnly: true }));
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByText('read-only').count()).toBe(1);
    await page.getByRole('link', { name: 'my endpoint' }).click();
    await page.getByRole('heading', { name: /my endpoint/ }).waitFor();
    for (const name of ['Pause', 'Send test', 'Rotate secret', 'Delete', 'Resend']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    expect(await page.getByRole('link', { name: 'New webhook' }).count()).toBe(0);
    await context.close();
  });
});
