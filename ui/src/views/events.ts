/** The event log, searched by type and time, and one event with its payload and deliveries. */
import { html, type TemplateResult } from 'lit-html';
import type { EventSummary, EventWithDeliveries } from '../../../src/client/index.ts';
import { isoFromLocal, prettyJson, when } from '../format.ts';
import { Page, type AppContext } from '../page.ts';
import { link } from '../router.ts';


export class EventsPage extends Page {
  #events: EventSummary[] = [];
  #query: { type?: string; after?: string; before?: string } = {};
  #error = '';

  constructor(app: AppContext, private readonly ws: string) {
    super(app);
  }

  title(): string {
    return 'Events';
  }

  override async load(): Promise<void> {
    const page = await this.client.filled((paging) => this.client.api.GET('/workspaces/{ws}/events', { params: { path: { ws: this.ws }, query: { ...this.#query, ...paging } } }), 100);
    this.#events = page.items;
    this.app.repaint();
  }

  private async search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const after = isoFromLocal(value('after'));
    const before = isoFromLocal(value('before'));
    this.#query = { ...(value('type') ? { type: value('type') } : {}), ...(after ? { after } : {}), ...(before ? { before } : {}) };
    this.#error = '';
    try {
      await this.load();
    } catch (caught) {
      this.#error = caught instanceof Error ? caught.message : String(caught);
      this.app.repaint();
    }
  }

  view(): TemplateResult {
    return html`
      <h1 tabindex="-1">Events</h1>
      <form class="filters" role="search" @submit=${(event: SubmitEvent) => this.search(event)}>
        <label>Type <input name="type" maxlength="100" placeholder="order.created, order.* or *" .value=${this.#query.type ?? ''}></label>
        <label>After <input name="after" type="datetime-local"></label>
        <label>Before <input name="before" type="datetime-local"></label>
        <button type="submit">Search</button>
      </form>
      ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : ''}
      <table>
        <thead><tr><th scope="col">Published</th><th scope="col">Type</th><th scope="col">Deliveries</th><th scope="col">Id</th></tr></thead>
        <tbody>${this.#events.length === 0 ? html`<tr><td colspan="4">No events.</td></tr>` : this.#events.map((e) => html`
          <tr>
            <td>${when(e.createdAt)}</td>
            <td>${e.type}</td>
            <td>${e.succeeded} ok · ${e.failed} failed · ${e.pending} pending</td>
            <td><a href=${link('w', this.ws, 'events', e.id)}>${e.id}</a></td>
          </tr>`)}
        </tbody>
      </table>`;
  }
}

export class EventPage extends Page {
  #event: EventWithDeliveries | null = null;

  constructor(app: AppContext, private readonly ws: string, private readonly id: string) {
    super(app);
  }

  title(): string {
    return 'Event';
  }

  override async load(): Promise<void> {
    this.#event = await this.client.data(this.client.api.GET('/workspaces/{ws}/events/{id}', { params: { path: { ws: this.ws, id: this.id } } }));
    this.app.repaint();
  }

  view(): TemplateResult {
    const e = this.#event;
    if (!e) return html`<h1 tabindex="-1">Event</h1><p>Loading…</p>`;
    return html`
      <h1 tabindex="-1">${e.type}</h1>
      <dl class="facts"><dt>Id</dt><dd>${e.id}</dd><dt>Published</dt><dd>${when(e.createdAt)}</dd>
        ${e.idempotencyKey ? html`<dt>Idempotency key</dt><dd>${e.idempotencyKey}</dd>` : ''}</dl>
      <h2>Payload</h2>
      <pre class="body" data-testid="event-payload">${prettyJson(e.data)}</pre>
      <h2>Deliveries</h2>
      <table>
        <thead><tr><th scope="col">Webhook</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last response</th></tr></thead>
        <tbody>${e.deliveries.length === 0 ? html`<tr><td colspan="4">No webhook received it.</td></tr>` : e.deliveries.map((d) => html`
          <tr>
            <td><a href=${link('w', this.ws, 'webhooks', d.webhookId)}>${d.webhookId}</a></td>
            <td><span class="badge ${d.status}">${d.status}</span></td>
            <td>${d.attemptCount}</td>
            <td>${d.lastResponseCode ?? d.lastError ?? '–'}</td>
          </tr>`)}
        </tbody>
      </table>`;
  }
}
