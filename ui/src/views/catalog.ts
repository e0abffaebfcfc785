/** The workspace's event catalog: each type's description, example payload and schema. */
import { html, type TemplateResult } from 'lit-html';
import type { EventType } from '../../../src/client/index.ts';
import { prettyJson } from '../format.ts';
import { Page, type AppContext } from '../page.ts';


export class CatalogPage extends Page {
  #types: Array<Omit<EventType, 'documentation'>> = [];

  constructor(app: AppContext, private readonly ws: string) {
    super(app);
  }

  title(): string {
    return 'Event catalog';
  }

  override async load(): Promise<void> {
    this.#types = await this.client.data(this.client.api.GET('/workspaces/{ws}/event-types', { params: { path: { ws: this.ws } } }));
    this.app.repaint();
  }

  view(): TemplateResult {
    return html`
      <h1 tabindex="-1">Event catalog</h1>
      ${this.#types.map((type) => html`
        <section class="event-type" aria-labelledby=${`type-${type.name}`}>
          <h2 id=${`type-${type.name}`}>${type.name} ${type.deprecated ? html`<span class="badge paused">deprecated</span>` : ''} ${type.builtIn ? '' : html`<span class="badge active">custom</span>`}</h2>
          <p>${type.title}: ${type.description}</p>
          <details><summary>Example payload<span class="visually-hidden"> of ${type.name}</span></summary><pre>${prettyJson(type.example)}</pre></details>
          ${type.schema ? html`<details><summary>Schema<span class="visually-hidden"> of ${type.name}</span></summary><pre>${prettyJson(type.schema)}</pre></details>` : ''}
        </section>`)}`;
  }
}
