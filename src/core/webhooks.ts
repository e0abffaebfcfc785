/** Subscriptions: create, change, pause/resume/disable, rotate secrets, delete, list and count. */
import { validateOrdering, validateRateLimit } from './flow-control.ts';
import type { StoredWebhook, WebhookChanges, WebhookFilter } from './ports/store.ts';
import type { CoreContext } from './context.ts';
import { Conflict, Forbidden, Invalid, NotFound } from './errors.ts';
import type { Principal } from './auth.ts';
import { listenSession } from './listeners.ts';
import { passes, validateFilter } from './payload-filter.ts';
import { parseRetrySchedule } from './retry-schedule.ts';
import { runTransform, validateTransform, type TransformOutcome } from './payload-transform.ts';
import { ensureWebhookRoom } from './webhook-limit.ts';
import type { EventTypes } from './event-types.ts';
import type {
  DeliveryFormat, DisableRule, Ordering, Page, PageRequest, PausedBehavior, Webhook, WebhookStatus, Workspace,
} from './model.ts';
import { validateSubscription } from './topics.ts';
import { parseInstant, requireObject, validateHeaders, validateJsonDepth, validateSecret, validateText, validateUrl } from './validation.ts';
import { sealHeaders, sealUpdate, shownHeaders } from './webhook-headers.ts';
import type { SigningScheme } from './signing-keys.ts';
import { newSigningMaterial, rotation, type SigningMaterial } from './webhook-signing.ts';

export interface WebhookInput {
  name: string;
  url: string;
  events: string[];
  secret?: string;
  status?: WebhookStatus;
  /** Checked by the core (validateHeaders): a face passes what its caller sent. */
  headers?: Record<string, unknown>;
  description?: string;
  pausedBehavior?: PausedBehavior;
  format?: DeliveryFormat;
  disableRule?: DisableRule;
  meta?: Record<string, unknown>;
  /** Payload filter rules (core/payload-filter.ts), checked here; null removes the filter. */
  filter?: unknown;
  /** Its own retry delays, "5s,5m,30m" (core/retry-schedule.ts); null: the global schedule. */
  retrySchedule?: string | null;
  /** A JSONata expression that makes the request sent of each event (core/payload-transform.ts); null removes it. */
  transform?: string | null;
  /** fifo: one delivery at a time, in publish order (core/flow-control.ts). */
  ordering?: Ordering;
  /** At most this many requests per second; null removes the limit. */
  rateLimit?: { perSecond: number } | null;
  /** HMAC (default) or Ed25519 (core/webhook-signing.ts). Changing it rotates: the old material signs too for the grace period. */
  signing?: SigningScheme;
}

export type WebhookPatch = Partial<WebhookInput>;

/** A webhook just created or re-keyed, and the secret hookd generated for it (null when the caller chose one). */
export interface WithGeneratedSecret {
  webhook: Webhook;
  generatedSecret: string | null;
}

/**
 * What a receiver verifies with. An HMAC secret is shown; an Ed25519 private key never is (its public key
 * is). During a grace period the previous secret or public key, whichever it was, is shown too.
 */
export interface RevealedSecret {
  signing: SigningScheme;
  secret: string | null;
  publicKey: string | null;
  previousSecret: string | null;
  previousPublicKey: string | null;
  previousSecretExpiresAt: number | null;
}

/** What a replacement (PUT) resets when a field is left out. The secret and `signing` are never reset: key material is not a setting to lose by leaving a field out. */
const DEFAULTS = { status: 'paused', headers: {}, description: '', pausedBehavior: 'queue', filter: null, retrySchedule: null, transform: null, ordering: 'none', rateLimit: null } as const;

export class Webhooks {
  constructor(private readonly ctx: CoreContext, private readonly eventTypes: EventTypes) {}

  async create(workspace: Workspace, input: WebhookInput): Promise<Webhook> {
    return (await this.createShowingSecret(workspace, input)).webhook;
  }

  /** Creates the webhook; a secret hookd generated for it comes back this once (the native API shows it). */
  async createShowingSecret(workspace: Workspace, input: WebhookInput): Promise<WithGeneratedSecret> {
    const catalog = await this.eventTypes.catalog(workspace);
    await ensureWebhookRoom(this.ctx, workspace);
    const material = newSigningMaterial(input.signing ?? 'hmac', input.format ?? 'standard', input.secret);
    const webhook = await this.ctx.store.webhooks.create({
      workspace,
      name: validateText(input.name, 'name', 200),
      url: validateUrl(input.url, this.ctx.settings.egress),
      description: validateText(input.description ?? '', 'description', 2000, false),
      events: validateSubscription(input.events, catalog),
      sealedHeaders: sealHeaders(this.ctx.box, validateHeaders(input.headers ?? {})),
      status: input.status ?? DEFAULTS.status,
      pausedBehavior: input.pausedBehavior ?? DEFAULTS.pausedBehavior,
      format: input.format ?? 'standard',
      disableRule: input.disableRule ?? 'standard',
      secretEnc: this.ctx.box.encrypt(material.plain),
      signing: material.signing,
      publicKey: material.publicKey,
      meta: input.meta ?? {},
      filter: input.filter === undefined || input.filter === null ? null : validateFilter(input.filter),
      retrySchedule: input.retrySchedule === undefined || input.retrySchedule === null ? null : parseRetrySchedule(input.retrySchedule),
      transform: input.transform === undefined || input.transform === null ? null : validateTransform(input.transform),
      ordering: input.ordering === undefined ? 'none' : validateOrdering(input.ordering),
      rateLimit: input.rateLimit === undefined ? null : validateRateLimit(input.rateLimit),
      now: this.ctx.now(),
    });
    if (webhook.status === 'disabled') await this.ctx.store.webhooks.setStatus(webhook.seq, 'disabled', 'disabled by user', this.ctx.now());
    return { webhook: this.shown(webhook), generatedSecret: material.generatedSecret };
  }

  async get(workspace: Workspace, id: string): Promise<Webhook> {
    return this.shown(await this.stored(workspace, id));
  }

  async getBySeq(workspace: Workspace, seq: number): Promise<Webhook> {
    const webhook = Number.isSafeInteger(seq) && seq > 0 ? await this.ctx.store.webhooks.getBySeq(workspace, seq) : null;
    if (!webhook) throw new NotFound('webhook');
    return this.shown(webhook);
  }

  /** The webhook as stored, its headers sealed: for the core's own use (sending, updating), never shown. */
  async stored(workspace: Workspace, id: string): Promise<StoredWebhook> {
    const webhook = await this.ctx.store.webhooks.get(workspace, id);
    if (!webhook) throw new NotFound('webhook');
    return webhook;
  }

  async list(workspace: Workspace, filter: WebhookFilter, page: PageRequest): Promise<Page<Webhook>> {
    const { items, nextCursor } = await this.ctx.store.webhooks.list(workspace, filter, page);
    return { items: items.map((webhook) => this.shown(webhook)), nextCursor };
  }

  async listByOffset(workspace: Workspace, filter: WebhookFilter, offset: number, limit: number, order: 'asc' | 'desc') {
    const { items, total } = await this.ctx.store.webhooks.listByOffset(workspace, filter, offset, limit, order);
    return { items: items.map((webhook) => this.shown(webhook)), total };
  }

  /** What every answer shows of a webhook: its headers opened, sensitive values masked. */
  private shown(webhook: StoredWebhook): Webhook {
    const { sealedHeaders, ...rest } = webhook;
    return { ...rest, headers: shownHeaders(sealedHeaders, this.ctx.box) };
  }

  count(workspace: Workspace, filter: WebhookFilter): Promise<number> {
    return this.ctx.store.webhooks.count(workspace, filter);
  }

  /**
   * PUT: every field is given again; optional ones left out go back to their defaults (the secret and signing
   * stay). With the secret hookd generated when the change switched the webhook to HMAC without one (shown this once).
   */
  replaceShowingSecret(workspace: Workspace, webhook: Webhook, input: WebhookInput): Promise<WithGeneratedSecret> {
    return this.patchShowingSecret(workspace, webhook, { ...DEFAULTS, ...input });
  }

  /** PATCH: changes only what it names. Everything is validated before anything is written. */
  async patch(workspace: Workspace, webhook: Webhook, patch: WebhookPatch): Promise<Webhook> {
    return (await this.patchShowingSecret(workspace, webhook, patch)).webhook;
  }

  /** PATCH, with the secret hookd generated when the change switched the webhook to HMAC without one (shown this once). */
  async patchShowingSecret(workspace: Workspace, webhook: Webhook, patch: WebhookPatch): Promise<WithGeneratedSecret> {
    // Its URL is hookd's own relay, which the address guard lets through: it must not become another.
    if (listenSession(webhook)) throw new Conflict('this webhook belongs to a `hookd listen` session: it cannot be changed, and goes away with the session');
    const changes: WebhookChanges = {};
    if (patch.name !== undefined) changes.name = validateText(patch.name, 'name', 200);
    if (patch.url !== undefined) changes.url = validateUrl(patch.url, this.ctx.settings.egress);
    if (patch.description !== undefined) changes.description = validateText(patch.description, 'description', 2000, false);
    if (patch.events !== undefined) changes.events = validateSubscription(patch.events, await this.eventTypes.catalog(workspace));
    if (patch.headers !== undefined) {
      changes.sealedHeaders = sealUpdate(this.ctx.box, validateHeaders(patch.headers), (await this.stored(workspace, webhook.id)).sealedHeaders);
    }
    if (patch.pausedBehavior !== undefined) changes.pausedBehavior = patch.pausedBehavior;
    if (patch.disableRule !== undefined) changes.disableRule = patch.disableRule;
    if (patch.meta !== undefined) changes.meta = { ...webhook.meta, ...patch.meta };
    if (patch.filter !== undefined) changes.filter = patch.filter === null ? null : validateFilter(patch.filter);
    if (patch.retrySchedule !== undefined) changes.retrySchedule = patch.retrySchedule === null ? null : parseRetrySchedule(patch.retrySchedule);
    if (patch.transform !== undefined) changes.transform = patch.transform === null ? null : validateTransform(patch.transform);
    if (patch.ordering !== undefined && validateOrdering(patch.ordering) !== webhook.ordering) changes.ordering = patch.ordering;
    if (patch.rateLimit !== undefined) changes.rateLimit = validateRateLimit(patch.rateLimit);
    const switching = patch.signing !== undefined && patch.signing !== webhook.signing;
    // Switching is a rotation (the old material keeps signing for the grace period), so that receivers move over without a gap.
    const material: SigningMaterial | null = switching ? newSigningMaterial(patch.signing as SigningScheme, webhook.format, patch.secret) : null;
    if (!switching && patch.secret !== undefined) {
      if (webhook.signing === 'ed25519') throw new Invalid('secret', 'an ed25519 webhook has no secret to set: rotate its key with POST …/rotate-secret, or give "signing": "hmac" with this secret');
      changes.secretEnc = this.ctx.box.encrypt(validateSecret(patch.secret, 'secret', webhook.format));
    }

    const now = this.ctx.now();
    if (material !== null) Object.assign(changes, await this.rotationTo(webhook, material, now));
    if (Object.keys(changes).length > 0) {
      await this.ctx.store.webhooks.update(webhook.seq, changes, now);
      // Work a dispatcher claimed but has not started was read with the old URL, headers, secret or
      // transform: hand it back so it is claimed again as the webhook is now.
      // A new rate limit or order applies to what was claimed too.
      if (changes.url !== undefined || changes.sealedHeaders !== undefined || changes.secretEnc !== undefined || changes.transform !== undefined
        || changes.ordering !== undefined || changes.rateLimit !== undefined) this.ctx.stopped(webhook.seq);
    }
    if (patch.status !== undefined && patch.status !== webhook.status) await this.setStatus(webhook, patch.status);
    return { webhook: await this.get(workspace, webhook.id), generatedSecret: material?.generatedSecret ?? null };
  }

  /** The changes that make `next` sign from now on, and the webhook's current material alongside it for the grace period. */
  private async rotationTo(webhook: Webhook, next: SigningMaterial, now: number) {
    const current = await this.ctx.store.webhooks.secrets(webhook.seq);
    if (!current) throw new NotFound('webhook');
    return rotation(this.ctx.box, webhook, current, next, now + this.ctx.settings.secretRotationGraceMs);
  }

  /** Pausing holds queued deliveries (also those a dispatcher claimed but has not started); activating releases them and forgets past failures. */
  async setStatus(webhook: Webhook, status: WebhookStatus): Promise<void> {
    await this.ctx.store.webhooks.setStatus(webhook.seq, status, status === 'disabled' ? 'disabled by user' : null, this.ctx.now());
    if (status === 'active') this.ctx.wake([webhook.seq]);
    else this.ctx.stopped(webhook.seq);
  }

  /**
   * A new signing secret, or a new Ed25519 key pair for an ed25519 webhook; the old one keeps signing
   * alongside it for the grace period. A generated HMAC secret is shown once.
   */
  async rotateSecret(workspace: Workspace, webhook: Webhook, secret?: string): Promise<WithGeneratedSecret> {
    const next = newSigningMaterial(webhook.signing, webhook.format, secret);
    const now = this.ctx.now();
    await this.ctx.store.webhooks.update(webhook.seq, await this.rotationTo(webhook, next, now), now);
    return { webhook: await this.get(workspace, webhook.id), generatedSecret: next.generatedSecret };
  }

  /**
   * The signing secret a receiver verifies with, and the previous one while its grace period runs, as
   * Svix and Stripe show them. Only an API key or the admin token may read them (the caller logs who did).
   */
  async revealSecret(principal: Principal, webhook: Webhook): Promise<RevealedSecret> {
    if (principal.kind !== 'admin' && principal.kind !== 'workspace') throw new Forbidden('only an API key or the admin token can read a signing secret');
    const secrets = await this.ctx.store.webhooks.secrets(webhook.seq);
    if (!secrets) throw new NotFound('webhook');
    const now = this.ctx.now();
    const previousLives = secrets.previousSecretEnc !== null && secrets.previousSecretExpiresAt !== null && secrets.previousSecretExpiresAt > now;
    // A private key is never opened here: whether a secret is one is known from the public key stored beside it.
    const previousIsKey = secrets.previousPublicKey !== null;
    return {
      signing: webhook.signing,
      secret: webhook.signing === 'ed25519' ? null : this.ctx.box.decrypt(secrets.secretEnc),
      publicKey: webhook.publicKey,
      previousSecret: previousLives && !previousIsKey ? this.ctx.box.decrypt(secrets.previousSecretEnc!) : null,
      previousPublicKey: previousLives && previousIsKey ? secrets.previousPublicKey : null,
      previousSecretExpiresAt: previousLives ? secrets.previousSecretExpiresAt : null,
    };
  }

  /** Whether a sample event would pass the webhook's payload filter (`POST …/filter/check`). */
  checkFilter(webhook: Webhook, sample: { type: unknown; data: unknown; metadata?: unknown }): boolean {
    if (typeof sample.type !== 'string') throw new Invalid('event.type', 'must be an event type');
    const data = requireObject(sample.data, 'event.data');
    const metadata = sample.metadata === undefined ? {} : requireObject(sample.metadata, 'event.metadata');
    return passes(webhook.filter === null ? null : JSON.stringify(webhook.filter), { type: sample.type, data, metadata });
  }

  /**
   * What the webhook's transform (or `expression`, to try one before saving it) makes of a sample event
   * (`POST …/transform/check`): the request, or why there is none. The sample's id and time default to
   * stand-ins.
   */
  async checkTransform(webhook: Webhook, sample: { type: unknown; data: unknown; id?: string; timestamp?: string }, expression?: string): Promise<TransformOutcome> {
    if (typeof sample.type !== 'string') throw new Invalid('event.type', 'must be an event type');
    const data = requireObject(sample.data, 'event.data');
    validateJsonDepth(data, 'event.data');
    const transform = expression === undefined ? webhook.transform : validateTransform(expression);
    if (transform === null) throw new Invalid('transform', 'the webhook has no transform: give one as `transform` to try it');
    const timestamp = sample.timestamp === undefined ? this.ctx.now() : parseInstant(sample.timestamp, 'event.timestamp');
    return runTransform(transform, { id: sample.id ?? 'msg_sample', type: sample.type, timestamp: new Date(timestamp).toISOString(), data }, webhook.url);
  }

  /** WooCommerce's ping on creation: its result never fails the create, it is only reported. */
  ping(webhook: Webhook): Promise<{ ok: boolean; error: string | null }> {
    return this.ctx.sender.ping(webhook.seq, webhook.url);
  }

  async delete(webhook: Webhook): Promise<void> {
    await this.ctx.store.webhooks.delete(webhook.seq);
    this.ctx.stopped(webhook.seq);
  }
}
