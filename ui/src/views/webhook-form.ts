/** Creating or editing a webhook; events are picked from the catalog, with descriptions and example payloads. */
import { html, type TemplateResult } from 'lit-html';
import type { EventType, Webhook } from '../../../src/client/index.ts';
import { errorText, prettyJson } from '../format.ts';
import { Page, type AppContext } from '../page.ts';
import { link } from '../router.ts';


export class WebhookFormPage extends Page {
  #catalog: Array<Omit<EventType, 'documentation'>> = [];
  #webhook: Webhook | null = null;
  #error = '';
  #secret: string | null = null;
  #createdId: string | null = null;

  constructor(app: AppContext, private readonly ws: string, private readonly id: string | null) {
    super(app);
  }

  title(): string {
    return this.id ? 'Edit webhook' : 'New webhook';
  }

  override async load(): Promise<void> {
    const [catalog, webhook] = await Promise.all([
      this.client.data(this.client.api.GET('/workspaces/{ws}/event-types', { params: { path: { ws: this.ws } } })),
      this.id ? this.client.data(this.client.api.GET('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws: this.ws, id: this.id } } })) : Promise.resolve(null),
    ]);
    this.#catalog = catalog;
    this.#webhook = webhook;
    this.app.repaint();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value.trim();
    const events = [...form.querySelectorAll<HTMLInputElement>('input[name="events"]:checked')].map((box) => box.value);
    this.#error = '';
    try {
      const filterText = value('filter');
      const filter = filterText === '' ? null : JSON.parse(filterText) as Record<string, unknown>;
      const perSecond = value('rateLimit');
      const fields = {
        name: value('name'), url: value('url'), description: value('description'), events, filter, pausedBehavior: value('pausedBehavior') as 'queue' | 'drop',
        ordering: value('ordering') as 'none' | 'fifo', rateLimit: perSecond === '' ? null : { perSecond: Number(perSecond) },
      };
      if (events.length === 0) throw new Error('pick at least one event');
      const body = this.id ? fields : { ...fields, active: (form.elements.namedItem('active') as HTMLInputElement).checked };
      if (this.id) {
        await this.client.data(this.client.api.PATCH('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws: this.ws, id: this.id } }, body }));
        this.app.notify('Webhook saved');
        this.app.navigate(link('w', this.ws, 'webhooks', this.id));
        return;
      }
      const created = await this.client.data(this.client.api.POST('/workspaces/{ws}/webhooks', { params: { path: { ws: this.ws } }, body }));
      this.#createdId = created.id;
      this.#secret = 'secret' in created && typeof created.secret === 'string' ? created.secret : null;
      this.app.notify('Webhook created');
    } catch (caught) {
      this.#error = caught instanceof SyntaxError ? `filter: ${caught.message}` : errorText(caught);
    }
    this.app.repaint();
  }

  view(): TemplateResult {
    if (this.#createdId) {
      return html`
        <h1 tabindex="-1">Webhook created</h1>
        ${this.#secret ? html`<p>Its signing secret is shown this once; keep it where your receiver can read it:</p>
          <p><code class="secret" data-testid="new-secret">${this.#secret}</code></p>` : ''}
        <p><a class="button" href=${link('w', this.ws, 'webhooks', this.#createdId)}>Open the webhook</a></p>`;
    }
    const w = this.#webhook;
    const chosen = new Set(w?.events ?? []);
    return html`
      <h1 tabindex="-1">${this.title()}</h1>
      <form @submit=${(event: SubmitEvent) => this.submit(event)} class="stacked">
        <label for="name">Name</label>
        <input id="name" name="name" required maxlength="200" .value=${w?.name ?? ''}>
        <label for="url">URL</label>
        <input id="url" name="url" type="url" required maxlength="2000" placeholder="https://example.com/webhooks" .value=${w?.url ?? ''}>
        <label for="description">Description</label>
        <input id="description" name="description" maxlength="1000" .value=${w?.description ?? ''}>
        <label for="pausedBehavior">While paused</label>
        <select id="pausedBehavior" name="pausedBehavior">
          <option value="queue" ?selected=${w?.pausedBehavior !== 'drop'}>keep events and send them on resume</option>
          <option value="drop" ?selected=${w?.pausedBehavior === 'drop'}>drop events</option>
        </select>
        ${this.id ? '' : html`<div class="check"><input type="checkbox" id="active" name="active" checked><label for="active">Active: start delivering at once</label></div>`}
        <label for="ordering">Order</label>
        <select id="ordering" name="ordering">
          <option value="none" ?selected=${w?.ordering !== 'fifo'}>in parallel (fastest)</option>
          <option value="fifo" ?selected=${w?.ordering === 'fifo'}>one at a time, in publish order</option>
        </select>
        <label for="rateLimit">Rate limit (requests per second, optional)</label>
        <input id="rateLimit" name="rateLimit" type="number" min="1" max="10000" step="1" .value=${w?.rateLimit ? String(w.rateLimit.perSecond) : ''}>
        <fieldset class="events">
          <legend>Events</legend>
          ${this.#catalog.map((type) => html`
            <div class="event-choice">
              <input type="checkbox" name="events" id=${`event-${type.name}`} value=${type.name} ?checked=${chosen.has(type.name)}>
              <label for=${`event-${type.name}`}><strong>${type.name}</strong> ${type.deprecated ? html`<span class="badge paused">deprecated</span>` : ''}<span class="muted"> ${type.description}</span></label>
              <details><summary>Example payload<span class="visually-hidden"> of ${type.name}</span></summary><pre>${prettyJson(type.example)}</pre></details>
            </div>`)}
        </fieldset>
        <label for="filter">Payload filter (JSON, optional)</label>
        <textarea id="filter" name="filter" rows="3" maxlength="20000" placeholder='{"data.total": {"$gte": 100}}' .value=${w?.filter ? JSON.stringify(w.filter) : ''}></textarea>
        ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : ''}
        <div class="toolbar"><button type="submit">${this.id ? 'Save' : 'Create webhook'}</button>
          <a href=${this.id ? link('w', this.ws, 'webhooks', this.id) : link('w', this.ws, 'webhooks')}>Cancel</a></div>
      </form>`;
  }
}
