/** A workspace at a glance: every webhook's health over 24 h or 7 d, failing ones first, and charts over time. */
import { html, type TemplateResult } from 'lit-html';
import type uPlot from 'uplot';
import type { Webhook, WebhookHealth as Health } from '../../../src/client/index.ts';
import { describeSeries, successRateChart, volumeChart } from '../charts.ts';
import { errorText, ms, percent, when } from '../format.ts';
import { portalLinkPanel } from './workspaces.ts';
import { Page, type AppContext } from '../page.ts';
import { link } from '../router.ts';


export class OverviewPage extends Page {
  #window: '24h' | '7d' = '24h';
  #health: Health | null = null;
  #webhooks: Webhook[] = [];
  #charts: uPlot[] = [];
  #portal: { url: string | null; error: string } = { url: null, error: '' };

  constructor(app: AppContext, private readonly ws: string) {
    super(app);
  }

  title(): string {
    return 'Overview';
  }

  override async load(): Promise<void> {
    const [health, webhooks] = await Promise.all([
      this.client.data(this.client.api.GET('/workspaces/{ws}/health', { params: { path: { ws: this.ws }, query: { window: this.#window } } })),
      this.client.page(this.client.api.GET('/workspaces/{ws}/webhooks', { params: { path: { ws: this.ws }, query: { limit: 250 } } })),
    ]);
    this.#health = health;
    this.#webhooks = webhooks.items;
    this.app.repaint();
    this.drawCharts();
  }

  override dispose(): void {
    for (const chart of this.#charts) chart.destroy();
    this.#charts = [];
  }

  private drawCharts(): void {
    this.dispose();
    const series = this.#health?.series ?? [];
    const volume = document.getElementById('chart-volume');
    const rate = document.getElementById('chart-rate');
    if (volume) this.#charts.push(volumeChart(volume, series));
    if (rate) this.#charts.push(successRateChart(rate, series));
  }

  private async createPortalLink(): Promise<void> {
    try {
      this.#portal = { url: (await this.client.data(this.client.api.POST('/workspaces/{ws}/portal-sessions', { params: { path: { ws: this.ws } }, body: {} }))).url, error: '' };
    } catch (caught) {
      this.#portal = { url: null, error: errorText(caught) };
    }
    this.app.repaint();
  }

  private rows() {
    const health = new Map((this.#health?.webhooks ?? []).map((h) => [h.webhookId, h]));
    const badness = (w: Webhook) => {
      const h = health.get(w.id);
      if (w.status === 'disabled') return 0;
      if (w.failureCount > 0 || (h && h.successRate !== null && h.successRate < 1)) return 1;
      if (w.status === 'paused') return 2;
      return 3;
    };
    return this.#webhooks.map((w) => ({ webhook: w, health: health.get(w.id) }))
      .sort((a, b) => badness(a.webhook) - badness(b.webhook) || (a.health?.successRate ?? 1) - (b.health?.successRate ?? 1) || a.webhook.name.localeCompare(b.webhook.name));
  }

  view(): TemplateResult {
    const series = this.#health?.series ?? [];
    const choose = async (window: '24h' | '7d') => {
      this.#window = window;
      await this.load();
    };
    return html`
      <h1 tabindex="-1">Overview</h1>
      <div class="toolbar" role="group" aria-label="Time window">
        <button type="button" aria-pressed=${this.#window === '24h'} @click=${() => choose('24h')}>Last 24 hours</button>
        <button type="button" aria-pressed=${this.#window === '7d'} @click=${() => choose('7d')}>Last 7 days</button>
      </div>
      <div class="charts">
        <figure><div id="chart-volume" class="chart" role="img" aria-label=${`Attempts over time: ${describeSeries(series)}`}></div></figure>
        <figure><div id="chart-rate" class="chart" role="img" aria-label=${`Success rate over time: ${describeSeries(series)}`}></div></figure>
      </div>
      <h2>Webhooks</h2>
      ${this.#webhooks.length === 0 ? html`<p>No webhooks yet. <a href=${link('w', this.ws, 'webhooks', 'new')}>Create one</a>.</p>` : html`
      <table class="health">
        <caption class="visually-hidden">Health of each webhook, disabled and failing ones first</caption>
        <thead><tr><th scope="col">Webhook</th><th scope="col">Status</th><th scope="col">Deliveries</th><th scope="col">Success rate</th><th scope="col">p95 duration</th><th scope="col">Last failure</th></tr></thead>
        <tbody>${this.rows().map(({ webhook, health }) => html`
          <tr>
            <th scope="row"><a href=${link('w', this.ws, 'webhooks', webhook.id)}>${webhook.name}</a><div class="muted">${webhook.url}</div></th>
            <td><span class="badge ${webhook.status}">${webhook.status}</span>${webhook.disabledReason ? html`<div class="muted">${webhook.disabledReason}</div>` : ''}</td>
            <td>${health ? html`${health.deliveries.succeeded} ok · ${health.deliveries.failed} failed · ${health.deliveries.pending} pending` : '–'}</td>
            <td>${percent(health?.successRate)}</td>
            <td>${ms(health?.p95DurationMs)}</td>
            <td>${health?.lastFailure ? html`${when(health.lastFailure.at)}<div class="muted">${health.lastFailure.responseCode ?? health.lastFailure.error ?? ''}</div>` : '–'}</td>
          </tr>`)}
        </tbody>
      </table>`}
      ${this.app.signed.session.kind === 'portal' ? '' : portalLinkPanel(this.#portal, () => this.createPortalLink())}`;
  }
}
