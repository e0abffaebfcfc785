/** Makes one attempt of a delivery: pick the active secrets, shape the request, POST it, describe the result. */
import type { SecretBox } from '../core/crypto.ts';
import type { AttemptSender } from '../core/ports/sender.ts';
import type { ClaimedDelivery, NewAttempt, WebhookSecrets } from '../core/ports/store.ts';
import { buildRequest, isSuccess, woocommercePing, type FormatSettings } from './formats.ts';
import type { HttpSender } from './sender.ts';
import { BoundedMemo } from '../util/bounded-memo.ts';
import { capText } from '../util/cap-text.ts';
import { storableText } from '../util/storable-text.ts';
import { maskHeaders, openHeaders } from '../core/webhook-headers.ts';
import { listenSession, RELAY_PATH } from '../core/listeners.ts';
import { runTransform, transformInput, withTransformHeaders, type TransformedRequest } from '../core/payload-transform.ts';

/** A `hookd listen` webhook, whose URL (set by hookd, unchangeable) is hookd's own relay. */
function toOwnRelay(webhook: ClaimedDelivery['webhook']): boolean {
  // The URL first: a plain string test that settles nearly every attempt without reading the webhook's meta.
  return webhook.url.includes(RELAY_PATH) && listenSession(webhook) !== null;
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
    // The transform runs here, where the attempt is made (the dispatcher's thread), bounded in time and size;
    // when it fails, that is the attempt's error, and the retry rules apply as to any failed attempt.
    let transformed: TransformedRequest | null = null;
    if (delivery.webhook.transform !== null) {
      const started = performance.now();
      const outcome = await runTransform(delivery.webhook.transform, transformInput(delivery.event), delivery.webhook.url);
      if (!outcome.ok) return failedBeforeSending(delivery, outcome.error, performance.now() - started, now);
      transformed = outcome.request;
    }
    const headers = openHeaders(delivery.webhook.sealedHeaders, this.#open);
    // Not `{ ...this.settings, secrets, now }`: V8 (Node 20) builds a spread followed by more fields on a slow path.
    const context = {
      userAgent: this.settings.userAgent,
      woocommerce: this.settings.woocommerce,
      secrets: this.activeSecrets(delivery.webhook.secrets, now),
      headers: transformed === null ? headers : withTransformHeaders(headers, transformed.headers),
      now,
      body: transformed === null ? null : transformed.body,
    };
    const request = buildRequest(delivery, context);
    const url = transformed === null ? delivery.webhook.url : transformed.url;
    const result = await this.http.post(url, request.headers, request.body, toOwnRelay(delivery.webhook), transformed === null ? 'POST' : transformed.method);
    const isDelivery = delivery.seq !== 0;
    return {
      deliverySeq: isDelivery ? delivery.seq : null,
      webhookSeq: delivery.webhook.seq,
      workspaceSeq: delivery.webhook.workspaceSeq,
      eventType: delivery.event.type,
      trigger: delivery.trigger,
      success: isSuccess(delivery.webhook.format, result.statusCode),
      requestUrl: url,
      // The log never holds a credential: sensitive header values are masked before anything keeps them.
      requestHeaders: maskHeaders(request.headers),
      // Every attempt of a delivery sends the same body (only the signature headers differ): the log keeps
      // it once, with the delivery's first attempt, and only up to the cap. A transformed body is kept with
      // each attempt: the first may have failed before sending, and the transform may have changed since.
      requestBody: !isDelivery || delivery.attemptCount === 0 || transformed !== null ? capText(request.body, this.settings.bodyLogCapBytes) : null,
      responseCode: result.statusCode,
      responseMessage: result.statusMessage,
      responseHeaders: maskHeaders(result.headers),
      // The endpoint's words (the request body is hookd's JSON, the status text Node's own table's).
      responseBody: storableText(result.body),
      durationMs: result.durationMs,
      error: storableText(result.error),
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

/** An attempt that failed before any request: its transform failed or was stopped. Nothing was sent, so nothing is logged as sent. */
function failedBeforeSending(delivery: ClaimedDelivery, error: string, durationMs: number, now: number): NewAttempt {
  return {
    deliverySeq: delivery.seq !== 0 ? delivery.seq : null,
    webhookSeq: delivery.webhook.seq,
    workspaceSeq: delivery.webhook.workspaceSeq,
    eventType: delivery.event.type,
    trigger: delivery.trigger,
    success: false,
    requestUrl: delivery.webhook.url,
    requestHeaders: {},
    requestBody: null,
    responseCode: null,
    responseMessage: null,
    responseHeaders: {},
    responseBody: null,
    durationMs: Math.round(durationMs * 1000) / 1000,
    error: storableText(error),
    createdAt: now,
  };
}
