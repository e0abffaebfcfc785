/**
 * The operator dashboard in a real browser (Debian's Chromium) against a real hookd and a real receiver:
 * sign in; create a webhook through the form; a published event's delivery appears without a reload; its
 * attempt opened; a failed delivery resent from the UI; pause and resume; the secret revealed; hostile
 * payloads shown as text; no serious accessibility violation on any page (axe-core).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { HAVE_CHROMIUM, checkAccessibility, launchChromium, screenshot } from '../../helpers/browser.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';

// The UI reads the store only through the API, which the e2e suite runs on both stores: once is enough here.
if (USE_POSTGRES) console.log('\n  Browser tests run in the sqlite project only (the UI uses the API, tested on both stores)\n');

const HOSTILE = { id: 7, note: '<script>window.__xss = 1</script>', name: '"><img src=x onerror="window.__xss = 2">' };

describe.skipIf(!HAVE_CHROMIUM || USE_POSTGRES)('dashboard in a browser', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let webhookId = '';
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  /** What the browser reports refusing under the page's Content-Security-Policy: nothing, if the UI keeps to it. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
    ws = await createWorkspace(server.api, 'Acme shop');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  const accessible = async (name: string) => {
    expect(await checkAccessibility(page), `axe on ${name}`).toEqual([]);
    await screenshot(page, name);
  };
  const xssRan = () => page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss ?? 0);

  it('has an accessibility check that can fail', async () => {
    const scratch = await context.newPage();
    await scratch.setContent('<!doctype html><html lang="en"><title>t</title><main><input type="text"></main></html>');
    expect((await checkAccessibility(scratch)).map((finding) => finding.id)).toContain('label');
    await scratch.close();
  });

  it('signs in with the admin token and lists the workspaces', async () => {
    await page.goto(`${server.url}/ui/`);
    await accessible('sign-in');
    await page.getByLabel('Admin token or API key').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /unknown or revoked/ }).waitFor();
    await page.getByLabel('Admin token or API key').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
    await page.getByRole('link', { name: 'Acme shop' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await accessible('overview-empty');
  });

  it('creates a webhook through the form, with events picked from the catalog', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('link', { name: 'New webhook' }).click();
    await page.getByRole('heading', { name: 'New webhook' }).waitFor();
    await page.getByLabel('Name').fill('orders to the shop');
    await page.getByLabel('URL').fill(receiver.url('/orders'));
    await page.getByRole('checkbox', { name: /^order\.created/ }).check();
    await accessible('webhook-form');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secret = await page.getByTestId('new-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('link', { name: 'Open the webhook' }).click();
    await page.getByRole('heading', { name: /orders to the shop/ }).waitFor();
    webhookId = page.url().split('/webhooks/')[1] ?? '';
    const saved = (await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}`)).body.data;
    expect(saved).toMatchObject({ name: 'orders to the shop', url: receiver.url('/orders'), events: ['order.created'], status: 'active' });
  });

  it('shows a delivery published through the API without a reload, and its attempt; hostile payloads stay text', async () => {
    const marker = await page.evaluate(() => ((globalThis as unknown as { __marker: number }).__marker = Math.random()));
    expect((await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: HOSTILE })).status).toBe(202);
    await receiver.waitFor(1);
    const row = page.getByRole('row').filter({ hasText: 'order.created' }).filter({ hasText: 'succeeded' });
    await row.waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { __marker: number }).__marker)).toBe(marker);
    await row.getByRole('button', { name: /Attempts/ }).click();
    const body = page.getByTestId('request-body').first();
    await body.waitFor();
    expect(await body.textContent()).toContain(HOSTILE.note);
    expect(await body.textContent()).toContain('onerror');
    expect(await page.locator('img[onerror], main script').count()).toBe(0);
    expect(await xssRan()).toBe(0);
    // Even a script that got into the page would not run: the CSP refuses inline scripts (and says so).
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { createElement(name: string): { textContent: string }; body: { append(node: unknown): void } } }).document;
      const script = doc.createElement('script');
      script.textContent = 'window.__xss = 3';
      doc.body.append(script);
    });
    await eventually(async () => cspViolations.length > 0, 5000);
    expect(await xssRan()).toBe(0);
    cspViolations.length = 0;
    await accessible('webhook-detail');
  });

  it('resends a failed delivery from the UI once the receiver is back', async () => {
    receiver.behaviour = { kind: 'status', status: 500, body: '<b>broken</b>' };
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 8 } });
    const failed = page.getByRole('row').filter({ hasText: 'failed' });
    await failed.first().waitFor({ timeout: 15_000 });
    receiver.behaviour = { kind: 'status', status: 200, body: 'ok' };
    const before = receiver.requests.length;
    await failed.first().getByRole('button', { name: /Resend/ }).click();
    await page.getByRole('status').filter({ hasText: 'Delivery resent' }).waitFor();
    await receiver.waitFor(before + 1);
    await eventually(async () => (await page.getByRole('row').filter({ hasText: 'failed' }).count()) === 0, 10_000);
  });

  it('pauses and resumes the webhook, and reveals its secret', async () => {
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}`)).body.data.status).toBe('paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}`)).body.data.status).toBe('active');

    await page.getByRole('button', { name: 'Reveal secret' }).click();
    const shown = await page.getByTestId('secret').textContent();
    expect(shown).toBe((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}/secret`)).body.data.secret);
    await page.getByRole('button', { name: 'Hide secret' }).click();
    expect(await page.getByTestId('secret').count()).toBe(0);
  });

  it('sends a test and shows its report', async () => {
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByRole('heading', { name: /Test: 1 of 1 succeeded/ }).waitFor();
  });

  it('shows the event log, an event with its payload as text, the catalog and the overview charts', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Events' }).click();
    await page.getByRole('heading', { name: 'Events' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'order.created' }).first().waitFor();
    await accessible('events');
    const first = (await ws.api.get(`/workspaces/${ws.id}/events?limit=250`)).body.data.at(-1).id;
    await page.getByRole('link', { name: first }).click();
    const payload = page.getByTestId('event-payload');
    await payload.waitFor();
    expect(await payload.textContent()).toContain('<script>window.__xss = 1</script>');
    expect(await xssRan()).toBe(0);
    await accessible('event');

    await page.getByRole('navigation').getByRole('link', { name: 'Event catalog' }).click();
    await page.getByRole('heading', { name: 'order.created' }).waitFor();
    await accessible('catalog');

    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('row').filter({ hasText: 'orders to the shop' }).waitFor();
    expect(await page.locator('#chart-volume canvas').count()).toBe(1);
    expect(await page.locator('#chart-rate canvas').count()).toBe(1);
    await accessible('overview');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('deletes the webhook after a confirmation', async () => {
    await page.goto(`${server.url}/ui/#/w/${ws.id}/webhooks/${webhookId}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}`)).status).toBe(404);
    await accessible('webhooks');
  });
});
