/**
 * One webhook: its settings and actions (pause/resume, test, secret, delete), and its delivery log with
 * filters, each delivery's attempts, resend and recover. New attempts show up without a reload: the page
 * follows `GET …/attempts?newerThan=` every two seconds.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Delivery, DeliveryWithAttempts, Secret, TestReport, Webhook } from '../../../src/client/index.ts';
import { errorText, isoFromLocal, ms, when } from '../format.ts';
import { Page, type AppContext } from '../page.ts';
import { link } from '../router.ts';
import { attemptView } from './attempt.ts';

type DeliveryStatus = 'pending' | 'sending' | 'held' | 'queued' | 'succeeded' | 'failed';

const POLL_MS = 2000;

export class WebhookDetailPage extends Page {
  #webhook: Webhook | null = null;
  #deliveries: Delivery[] = [];
  #filters: { status?: DeliveryStatus; eventType?: string; after?: string; before?: string } = {};
  #open: DeliveryWithAttempts | null = null;
  #secret: Secret | null = null;
  #report: TestReport | null = null;
  #error = '';
  #lastAttempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #disposed = false;

  constructor(app: AppContext, private readonly ws: string, private readonly id: string) {
    super(app);
  }

  title(): string {
    return this.#webhook?.name ?? 'Webhook';
  }

  private get path() {
    return { ws: this.ws, id: this.id };
  }

  override async load(): Promise<void> {
    const [webhook, newest] = await Promise.all([
      this.client.data(this.client.api.GET('/workspaces/{ws}/webhooks/{id}', { params: { path: this.path } })),
      this.client.page(this.client.api.GET('/workspaces/{ws}/attempts', { params: { path: { ws: this.ws }, query: { webhookId: this.id, limit: 1 } } })),
    ]);
    this.#webhook = webhook;
    this.#lastAttempt = newest.items[0]?.id ?? 0;
    await this.loadDeliveries();
    this.follow();
  }

  override dispose(): void {
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  private async loadDeliveries(): Promise<void> {
    const page = await this.client.filled((paging) => this.client.api.GET('/workspaces/{ws}/webhooks/{id}/deliveries', { params: { path: this.path, query: { ...this.#filters, ...paging } } }), 50);
    this.#deliveries = page.items;
    this.app.repaint();
  }

  /** Polls for attempts newer than the last one seen; any: the log (and an open delivery) is read again. */
  private follow(): void {
    this.#timer = setTimeout(async () => {
      if (this.#disposed) return;
      try {
        const fresh = await this.client.page(this.client.api.GET('/workspaces/{ws}/attempts', { params: { path: { ws: this.ws }, query: { webhookId: this.id, newerThan: this.#lastAttempt, limit: 100 } } }));
        const newest = fresh.items.at(-1);
        if (newest && !this.#disposed) {
          this.#lastAttempt = newest.id;
          await this.loadDeliveries();
          if (this.#open) await this.openDelivery(this.#open.id);
          this.#webhook = await this.client.data(this.client.api.GET('/workspaces/{ws}/webhooks/{id}', { params: { path: this.path } }));
          this.app.repaint();
        }
      } catch {
        // A missed poll is retried at the next one.
      }
      if (!this.#disposed) this.follow();
    }, POLL_MS);
  }

  private async act(what: () => Promise<void>): Promise<void> {
    this.#error = '';
    try {
      await what();
    } catch (caught) {
      this.#error = errorText(caught);
    }
    this.app.repaint();
  }

  private async openDelivery(deliveryId: string): Promise<void> {
    this.#open = await this.client.data(this.client.api.GET('/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}', { params: { path: { ...this.path, deliveryId } } }));
    this.app.repaint();
  }

  private setActive(active: boolean) {
    return this.act(async () => {
      this.#webhook = await this.client.data(this.client.api.PATCH('/workspaces/{ws}/webhooks/{id}', { params: { path: this.path }, body: { active } }));
      this.app.notify(active ? 'Webhook resumed' : 'Webhook paused');
    });
  }

  private sendTest() {
    return this.act(async () => {
      this.#report = await this.client.data(this.client.api.POST('/workspaces/{ws}/webhooks/{id}/tests', { params: { path: this.path }, body: {} }));
      this.app.notify(`Test sent: ${this.#report.testsSucceeded} of ${this.#report.testsRun} succeeded`);
    });
  }

  private revealSecret() {
    return this.act(async () => {
      this.#secret = this.#secret ? null : await this.client.data(this.client.api.GET('/workspaces/{ws}/webhooks/{id}/secret', { params: { path: this.path } }));
    });
  }

  private rotateSecret() {
    if (!confirm('Rotate the signing secret? The old one keeps working for the grace period.')) return Promise.resolve();
    return this.act(async () => {
      await this.client.data(this.client.api.POST('/workspaces/{ws}/webhooks/{id}/rotate-secret', { params: { path: this.path }, body: {} }));
      this.#secret = await this.client.data(this.client.api.GET('/workspaces/{ws}/webhooks/{id}/secret', { params: { path: this.path } }));
      this.app.notify('Secret rotated');
    });
  }

  private remove() {
    const dialog = document.getElementById('confirm-delete') as HTMLDialogElement | null;
    dialog?.showModal();
  }

  private confirmRemove() {
    return this.act(async () => {
      await this.client.done(this.client.api.DELETE('/workspaces/{ws}/webhooks/{id}', { params: { path: this.path } }));
      this.app.notify('Webhook deleted');
      this.app.navigate(link('w', this.ws, 'webhooks'));
    });
  }

  private resend(deliveryId: string) {
    return this.act(async () => {
      await this.client.data(this.client.api.POST('/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}/resend', { params: { path: { ...this.path, deliveryId } } }));
      this.app.notify('Delivery resent');
      await this.loadDeliveries();
    });
  }

  private recover(event: SubmitEvent) {
    event.preventDefault();
    const since = isoFromLocal((event.target as HTMLFormElement).querySelector<HTMLInputElement>('#recover-since')?.value ?? '');
    return this.act(async () => {
      const result = await this.client.data(this.client.api.POST('/workspaces/{ws}/webhooks/{id}/recover', { params: { path: this.path }, body: since ? { since } : {} }));
      this.app.notify(`${result.resent} failed deliveries sent again${result.more ? ', more follow' : ''}`);
      await this.loadDeliveries();
    });
  }

  private filter(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    this.#filters = {
      ...(value('status') ? { status: value('status') as DeliveryStatus } : {}),
      ...(value('eventType') ? { eventType: value('eventType') } : {}),
      ...(isoFromLocal(value('after')) ? { after: isoFromLocal(value('after')) } : {}),
      ...(isoFromLocal(value('before')) ? { before: isoFromLocal(value('before')) } : {}),
    };
    return this.act(() => this.loadDeliveries());
  }

  view(): TemplateResult {
    const w = this.#webhook;
    if (!w) return html`<h1 tabindex="-1">Webhook</h1><p>Loading…</p>`;
    const writable = !this.readOnly;
    return html`
      <h1 tabindex="-1">${w.name} <span class="badge ${w.status}">${w.status}</span></h1>
      <p class="url">${w.url}</p>
      ${w.disabledReason ? html`<p class="error">Disabled: ${w.disabledReason}</p>` : ''}
      <dl class="facts">
        <dt>Events</dt><dd>${w.events.join(', ')}</dd>
        <dt>Format</dt><dd>${w.format}, signed with ${w.signing === 'ed25519' ? 'Ed25519' : 'HMAC'}</dd>
        <dt>Order</dt><dd>${w.ordering === 'fifo' ? 'one at a time, in publish order' : 'in parallel'}</dd>
        <dt>Rate limit</dt><dd>${w.rateLimit ? `${w.rateLimit.perSecond} per second` : 'none'}</dd>
        <dt>Failures in a row</dt><dd>${w.failureCount}</dd>
        ${w.description ? html`<dt>Description</dt><dd>${w.description}</dd>` : ''}
      </dl>
      ${writable ? html`
      <div class="toolbar" role="group" aria-label="Webhook actions">
        ${w.status === 'active'
          ? html`<button type="button" @click=${() => this.setActive(false)}>Pause</button>`
          : html`<button type="button" @click=${() => this.setActive(true)}>Resume</button>`}
        <button type="button" @click=${() => this.sendTest()}>Send test</button>
        <button type="button" aria-expanded=${this.#secret !== null} @click=${() => this.revealSecret()}>${this.#secret ? 'Hide secret' : 'Reveal secret'}</button>
        <button type="button" @click=${() => this.rotateSecret()}>Rotate secret</button>
        <a class="button" href=${link('w', this.ws, 'webhooks', this.id, 'edit')}>Edit</a>
        <button type="button" class="danger" @click=${() => this.remove()}>Delete</button>
      </div>` : ''}
      ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : ''}
      ${this.#secret ? this.secretView(this.#secret) : ''}
      ${this.#report ? this.reportView(this.#report) : ''}
      <dialog id="confirm-delete" aria-labelledby="confirm-delete-title">
        <form method="dialog">
          <h2 id="confirm-delete-title">Delete ${w.name}?</h2>
          <p>Its deliveries stop and its log is removed. This cannot be undone.</p>
          <div class="toolbar"><button value="cancel">Cancel</button>
          <button value="delete" class="danger" @click=${() => this.confirmRemove()}>Delete webhook</button></div>
        </form>
      </dialog>

      <h2>Deliveries</h2>
      <form class="filters" @submit=${(event: SubmitEvent) => this.filter(event)} aria-label="Filter deliveries">
        <label>Status <select name="status">
          <option value="">any</option>${['pending', 'sending', 'held', 'queued', 'succeeded', 'failed'].map((s) => html`<option value=${s} ?selected=${this.#filters.status === s}>${s}</option>`)}
        </select></label>
        <label>Event type <input name="eventType" maxlength="100" placeholder="order.*" .value=${this.#filters.eventType ?? ''}></label>
        <label>After <input name="after" type="datetime-local"></label>
        <label>Before <input name="before" type="datetime-local"></label>
        <button type="submit">Filter</button>
      </form>
      ${writable ? html`<form class="filters" @submit=${(event: SubmitEvent) => this.recover(event)} aria-label="Recover failed deliveries">
        <label>Failed since <input id="recover-since" type="datetime-local"></label>
        <button type="submit">Recover failed deliveries</button>
      </form>` : ''}
      <table class="deliveries" aria-live="polite">
        <thead><tr><th scope="col">Created</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last response</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${this.#deliveries.length === 0 ? html`<tr><td colspan="6">No deliveries.</td></tr>` : this.#deliveries.map((d) => html`
          <tr class=${this.#open?.id === d.id ? 'selected' : ''}>
            <td>${when(d.createdAt)}</td>
            <td>${d.eventType}</td>
            <td><span class="badge ${d.status}">${d.status}</span></td>
            <td>${d.attemptCount}</td>
            <td>${d.lastResponseCode ?? d.lastError ?? '–'} ${d.lastDurationMs === null ? nothing : html`<span class="muted">${ms(d.lastDurationMs)}</span>`}</td>
            <td class="actions">
              <button type="button" @click=${() => this.act(() => this.openDelivery(d.id))}>Attempts<span class="visually-hidden"> of the delivery created ${when(d.createdAt)}</span></button>
              ${writable ? html`<button type="button" @click=${() => this.resend(d.id)}>Resend<span class="visually-hidden"> the delivery created ${when(d.createdAt)}</span></button>` : ''}
            </td>
          </tr>`)}
        </tbody>
      </table>
      ${this.#open ? html`
        <section class="panel" aria-label="Attempts of the open delivery">
          <h3>Delivery ${this.#open.id} · ${this.#open.eventType} · <span class="badge ${this.#open.status}">${this.#open.status}</span></h3>
          <p><a href=${link('w', this.ws, 'events', this.#open.eventId)}>Open its event</a> · <button type="button" @click=${() => { this.#open = null; this.app.repaint(); }}>Close</button></p>
          ${this.#open.attempts.length === 0 ? html`<p>No attempt yet.</p>` : this.#open.attempts.map(attemptView)}
        </section>` : ''}`;
  }

  /** An HMAC secret is shown; an Ed25519 webhook shows its public key and where receivers find it (the private key never leaves hookd). */
  private secretView(secret: Secret): TemplateResult {
    const previous = secret.previousSecret ?? secret.previousPublicKey;
    return html`<div class="panel">
      ${secret.signing === 'ed25519'
        ? html`<p>Signed with Ed25519. Public key: <code class="secret" data-testid="secret">${secret.publicKey}</code></p>
          <p class="muted">Key id ${secret.keyId}; receivers can fetch the workspace's keys from <code>/workspaces/${this.ws}/.well-known/jwks.json</code>.</p>`
        : html`<p>Signing secret: <code class="secret" data-testid="secret">${secret.secret}</code></p>`}
      ${previous ? html`<p class="muted">The previous ${secret.previousSecret ? 'secret' : 'key'} works until ${when(secret.previousSecretExpiresAt)}.</p>` : ''}
    </div>`;
  }

  private reportView(report: TestReport): TemplateResult {
    return html`
      <section class="panel" aria-label="Test report">
        <h3>Test: ${report.testsSucceeded} of ${report.testsRun} succeeded</h3>
        <ul>${report.tests.map((t) => html`<li><span class="badge ${t.success ? 'succeeded' : 'failed'}">${t.success ? 'ok' : 'failed'}</span> ${t.event} → ${t.responseCode ?? t.error ?? ''} <span class="muted">${ms(t.durationMs)}</span></li>`)}</ul>
      </section>`;
  }
}
