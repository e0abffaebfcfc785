/** Makes one attempt of a delivery: pick the active secrets, shape the request, POST it, describe the result. */
import type { SecretBox } from '../core/crypto.ts';
import type { AttemptSender } from '../core/ports/sender.ts';
import type { ClaimedDelivery, NewAttempt, WebhookSecrets } from '../core/ports/store.ts';
import { buildRequest, isSuccess, woocommercePing, type FormatSettings } from './formats.ts';
import type { HttpSender } from './sender.ts';
import { BoundedMemo } from '../util/bounded-memo.ts';
import { capText } from '../util/cap-text.ts';
import { maskHeaders, openHeaders } from '../core/webhook-headers.ts';
import { listenSession, RELAY_PATH } from '../core/listeners.ts';

/** A `hookd listen` webhook, whose URL (set by hookd, unchangeable) is hookd's own relay. */
function toOwnRelay(webhook: ClaimedDelivery['webhook']): boolean {
  return listenSession(webhook) !== null && webhook.url.includes(RELAY_PATH);
}

export class AttemptRunner implements AttemptSender {
  /** Decrypted secrets by ciphertext: decrypting once per webhook, not once per attempt. */
  readonly #plain: BoundedMemo<string, string>;

  constructor(private readonly http: HttpSender, box: SecretBox, private readonly settings: FormatSettings & { bodyLogCapBytes: number }) {
    this.#plain = new BoundedMemo(10_000, (encrypted: string) => box.decrypt(encrypted));
  }

  readonly #open = (sealed: string): string => this.#plain.get(sealed);

  /** Whether shutdown aborted the requests in flight (their results are not the endpoint's fault). */
  get aborted(): boolean {
    return this.http.aborted;
  }

  abortAll(): void {
    this.http.abortAll();
  }

  async send(delivery: ClaimedDelivery): Promise<NewAttempt> {
    const now = Date.now();
    // Not `{ ...this.settings, secrets, now }`: V8 (Node 20) builds a spread followed by more fields on a slow path.
    const context = {
      userAgent: this.settings.userAgent,
      woocommerce: this.settings.woocommerce,
      secrets: this.activeSecrets(delivery.webhook.secrets, now),
      headers: openHeaders(delivery.webhook.sealedHeaders, this.#open),
      now,
    };
    const request = buildRequest(delivery, context);
    const result = await this.http.post(delivery.webhook.url, request.headers, request.body, toOwnRelay(delivery.webhook));
    const isDelivery = delivery.seq !== 0;
    return {
      deliverySeq: isDelivery ? delivery.seq : null,
      webhookSeq: delivery.webhook.seq,
      eventType: delivery.event.type,
      trigger: delivery.trigger,
      success: isSuccess(delivery.webhook.format, result.statusCode),
      requestUrl: delivery.webhook.url,
      // The log never holds a credential: sensitive header values are masked before anything keeps them.
      requestHeaders: maskHeaders(request.headers),
      // Every attempt of a delivery sends the same body (only the signature headers differ): the log keeps
      // it once, with the delivery's first attempt, and only up to the cap.
      requestBody: !isDelivery || delivery.attemptCount === 0 ? capText(request.body, this.settings.bodyLogCapBytes) : null,
      responseCode: result.statusCode,
      responseMessage: result.statusMessage,
      responseHeaders: maskHeaders(result.headers),
      responseBody: result.body,
      durationMs: result.durationMs,
      error: result.error,
      createdAt: now,
    };
  }

  /** WooCommerce's creation ping; its outcome is reported, never recorded. */
  async ping(webhookSeq: number, url: string): Promise<{ ok: boolean; error: string | null }> {
    const request = woocommercePing(webhookSeq, this.settings);
    const result = await this.http.post(url, request.headers, request.body);
    return { ok: isSuccess('woocommerce', result.statusCode), error: result.error };
  }

  private activeSecrets(secrets: WebhookSecrets, now: number): string[] {
    const active = [this.#plain.get(secrets.secretEnc)];
    if (secrets.previousSecretEnc && (secrets.previousSecretExpiresAt ?? 0) > now) active.push(this.#plain.get(secrets.previousSecretEnc));
    return active;
  }
}
