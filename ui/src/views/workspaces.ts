/** The operator's start page: every workspace, and a customer portal link for any of them. */
import { html, type TemplateResult } from 'lit-html';
import type { Workspace } from '../../../src/client/index.ts';
import { when } from '../format.ts';
import { Page } from '../page.ts';
import { link } from '../router.ts';

export class WorkspacesPage extends Page {
  #workspaces: Workspace[] = [];

  title(): string {
    return 'Workspaces';
  }

  override async load(): Promise<void> {
    this.#workspaces = (await this.client.page(this.client.api.GET('/workspaces', { params: { query: { limit: 250 } } }))).items;
    this.app.repaint();
  }

  view(): TemplateResult {
    return html`
      <h1 tabindex="-1">Workspaces</h1>
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Id</th></tr></thead>
        <tbody>${this.#workspaces.map((w) => html`
          <tr><th scope="row"><a href=${link('w', w.id)}>${w.name}</a></th><td>${when(w.createdAt)}</td><td>${w.id}</td></tr>`)}
        </tbody>
      </table>`;
  }
}

/** A panel that issues a one-time link to a workspace's customer portal. */
export function portalLinkPanel(state: { url: string | null; error: string }, create: () => Promise<void>): TemplateResult {
  return html`
    <section class="panel" aria-label="Customer portal">
      <h2>Customer portal</h2>
      <p>A link that opens this workspace's portal once, for one hour.</p>
      <button type="button" @click=${create}>Create portal link</button>
      ${state.url ? html`<p><code data-testid="portal-link">${state.url}</code></p>` : ''}
      ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
    </section>`;
}
