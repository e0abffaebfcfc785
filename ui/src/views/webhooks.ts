/** The workspace's webhooks: a list to open one, and the way to create one. */
import { html, type TemplateResult } from 'lit-html';
import type { Webhook } from '../../../src/client/index.ts';
import { when } from '../format.ts';
import { Page, type AppContext } from '../page.ts';
import { link } from '../router.ts';

export class WebhooksPage extends Page {
  #webhooks: Webhook[] = [];
  #status = '';

  constructor(app: AppContext, private readonly ws: string) {
    super(app);
  }

  title(): string {
    return 'Webhooks';
  }

  override async load(): Promise<void> {
    const status = this.#status === '' ? undefined : this.#status as 'active' | 'paused' | 'disabled';
    const page = await this.client.page(this.client.api.GET('/workspaces/{ws}/webhooks', { params: { path: { ws: this.ws }, query: { limit: 250, status } } }));
    this.#webhooks = page.items;
    this.app.repaint();
  }

  view(): TemplateResult {
    const filter = async (event: Event) => {
      this.#status = (event.target as HTMLSelectElement).value;
      await this.load();
    };
    return html`
      <h1 tabindex="-1">Webhooks</h1>
      <div class="toolbar">
        <label>Status
          <select @change=${filter}>
            <option value="">any</option><option value="active">active</option><option value="paused">paused</option><option value="disabled">disabled</option>
          </select>
        </label>
        ${this.readOnly ? '' : html`<a class="button" href=${link('w', this.ws, 'webhooks', 'new')}>New webhook</a>`}
      </div>
      ${this.#webhooks.length === 0 ? html`<p>No webhooks.</p>` : html`
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
        <tbody>${this.#webhooks.map((w) => html`
          <tr>
            <th scope="row"><a href=${link('w', this.ws, 'webhooks', w.id)}>${w.name}</a></th>
            <td class="url">${w.url}</td>
            <td>${w.events.join(', ')}</td>
            <td><span class="badge ${w.status}">${w.status}</span></td>
            <td>${when(w.createdAt)}</td>
          </tr>`)}
        </tbody>
      </table>`}`;
  }
}
