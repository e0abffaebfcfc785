/**
 * hookd's web UI: the operator dashboard at /ui and a workspace's customer portal at /ui/portal/<ws>, one
 * code base. It signs in (a token, or a portal link's one-time token from the URL fragment), then draws
 * the page the location hash names. Every value is rendered by lit-html, which escapes it; no inline
 * script or style is used, so the page runs under a strict Content-Security-Policy.
 */
import { html, render, type TemplateResult } from 'lit-html';
import './styles.css';
import { errorText } from './format.ts';
import type { AppContext, Page } from './page.ts';
import { link, parseRoute, type Route } from './router.ts';
import { anonymous, currentSession, signedAs, type Signed } from './session.ts';
import { showSignIn } from './views/sign-in.ts';
import { CatalogPage } from './views/catalog.ts';
import { EventPage, EventsPage } from './views/events.ts';
import { OverviewPage } from './views/overview.ts';
import { WebhookDetailPage } from './views/webhook-detail.ts';
import { WebhookFormPage } from './views/webhook-form.ts';
import { WebhooksPage } from './views/webhooks.ts';
import { WorkspacesPage } from './views/workspaces.ts';

const root = document.getElementById('app') as HTMLElement;
const portalPath = /^\/ui\/portal\/([^/]+)\/?$/.exec(location.pathname);

async function start(): Promise<void> {
  if (portalPath) {
    const token = new URLSearchParams(location.hash.slice(1)).get('token');
    if (token) {
      // The token works once: take it out of the address bar (and history) whatever happens next.
      history.replaceState(null, '', `${location.pathname}#/`);
      try {
        const session = await anonymous.data(anonymous.api.POST('/ui-sessions/portal', { body: { token } }));
        return run(signedAs(session));
      } catch (caught) {
        return stopped(`This portal link cannot be used: ${errorText(caught)}`);
      }
    }
    const signed = await currentSession();
    return signed ? run(signed) : stopped('This portal session has ended. Ask for a new portal link.');
  }
  const signed = await currentSession();
  if (signed) return run(signed);
  showSignIn(root, run);
}

function stopped(message: string): void {
  render(html`<main id="main" class="sign-in"><h1>hookd</h1><p class="error" role="alert">${message}</p></main>`, root);
}

function run(signed: Signed): void {
  const session = signed.session;
  let page: Page | null = null;
  let status = { message: '', kind: 'info' as 'info' | 'error' };
  let loadError = '';
  const home = session.workspace ? link('w', session.workspace.id) : '#/';

  const app: AppContext = {
    signed,
    repaint: () => draw(),
    navigate: (hash) => { location.hash = hash; },
    notify: (message, kind = 'info') => { status = { message, kind }; draw(); },
  };

  function pageFor(route: Route): Page | null {
    // A session of one workspace sees that workspace only; the API refuses any other anyway.
    if ('ws' in route && session.workspace && route.ws !== session.workspace.id) return null;
    switch (route.page) {
      case 'home': return session.workspace ? null : new WorkspacesPage(app);
      case 'overview': return new OverviewPage(app, route.ws);
      case 'webhooks': return new WebhooksPage(app, route.ws);
      case 'webhook-new': return new WebhookFormPage(app, route.ws, null);
      case 'webhook': return new WebhookDetailPage(app, route.ws, route.id);
      case 'webhook-edit': return new WebhookFormPage(app, route.ws, route.id);
      case 'events': return new EventsPage(app, route.ws);
      case 'event': return new EventPage(app, route.ws, route.id);
      case 'catalog': return new CatalogPage(app, route.ws);
      case 'not-found': return null;
    }
  }

  async function open(): Promise<void> {
    page?.dispose();
    const route = parseRoute(location.hash);
    if (route.page === 'home' && session.workspace) {
      location.replace(home);
      return;
    }
    page = pageFor(route);
    loadError = '';
    status = { message: '', kind: 'info' };
    draw();
    document.querySelector<HTMLElement>('main h1')?.focus();
    if (!page) return;
    try {
      await page.load();
    } catch (caught) {
      loadError = errorText(caught);
      draw();
    }
  }

  async function signOut(): Promise<void> {
    await signed.client.done(signed.client.api.DELETE('/ui-sessions/current')).catch(() => undefined);
    if (portalPath) stopped('Signed out.');
    else location.replace('/ui/');
  }

  function nav(ws: string | null): TemplateResult {
    const route = parseRoute(location.hash);
    const current = (page: Route['page'][]) => (page.includes(route.page) ? 'page' : undefined);
    return html`
      <nav aria-label="Main">
        <ul>
          ${session.kind === 'admin' ? html`<li><a href="#/" aria-current=${current(['home']) ?? ''}>Workspaces</a></li>` : ''}
          ${ws ? html`
            <li><a href=${link('w', ws)} aria-current=${current(['overview']) ?? ''}>Overview</a></li>
            <li><a href=${link('w', ws, 'webhooks')} aria-current=${current(['webhooks', 'webhook', 'webhook-new', 'webhook-edit']) ?? ''}>Webhooks</a></li>
            <li><a href=${link('w', ws, 'events')} aria-current=${current(['events', 'event']) ?? ''}>Events</a></li>
            <li><a href=${link('w', ws, 'catalog')} aria-current=${current(['catalog']) ?? ''}>Event catalog</a></li>` : ''}
        </ul>
      </nav>`;
  }

  function draw(): void {
    const route = parseRoute(location.hash);
    const ws = 'ws' in route ? route.ws : session.workspace?.id ?? null;
    const brand = session.portal;
    const name = brand?.displayName ?? session.workspace?.name ?? 'hookd';
    document.title = `${page?.title() ?? 'Not found'} · ${name}`;
    render(html`
      <a class="skip" href="#main" @click=${(event: Event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header>
        <div class="brand">${brand?.logoUrl ? html`<img src=${brand.logoUrl} alt="" height="28">` : ''}<span>${name}</span>
          ${session.kind === 'portal' ? html`<span class="muted">webhooks</span>` : html`<span class="muted">${session.kind === 'admin' ? 'operator' : 'workspace'} dashboard</span>`}
          ${session.readOnly ? html`<span class="badge paused">read-only</span>` : ''}</div>
        ${nav(ws)}
        <button type="button" class="link" @click=${signOut}>Sign out</button>
      </header>
      <div class="status ${status.kind}" role="status" aria-live="polite">${status.message}</div>
      <main id="main" tabindex="-1">
        ${page ? page.view() : html`<h1 tabindex="-1">Not found</h1><p>There is nothing here. <a href=${home}>Go back</a>.</p>`}
        ${loadError ? html`<p class="error" role="alert">${loadError}</p>` : ''}
      </main>`, root);
  }

  if (brand(session.portal?.accentColor)) document.documentElement.style.setProperty('--accent', session.portal?.accentColor ?? '');
  window.addEventListener('hashchange', () => void open());
  void open();
}

/** A workspace's accent colour, if it is one and readable on white (contrast of at least 4.5:1). */
function brand(color: string | null | undefined): boolean {
  if (!color || !/^#[0-9a-f]{6}$/i.test(color)) return false;
  const channel = (hex: string) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(color.slice(1, 3)) + 0.7152 * channel(color.slice(3, 5)) + 0.0722 * channel(color.slice(5, 7));
  return 1.05 / (luminance + 0.05) >= 4.5;
}

void start();
