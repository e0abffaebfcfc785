/**
 * `hookd listen` sessions, as the core keeps them: each is a temporary webhook whose deliveries go to
 * hookd's own relay (api/listen/), which hands them to the CLI over its open connection. The webhook is
 * an ordinary one in every other way (attempts logged, retries, failures), but:
 * - its URL is hookd's own relay, set here and never validated against the egress policy (it is not the
 *   caller's), and it cannot be changed (Webhooks.patch refuses), so the relay's exemption from the
 *   address guard (delivery/attempt.ts) cannot be pointed anywhere else;
 * - it holds a lease, renewed while the CLI is connected; a sweep deletes those whose lease ran out (the
 *   CLI died, or the process that held its connection did).
 */
import { randomBytes } from 'node:crypto';
import type { CoreContext } from './context.ts';
import { generateWebhookSecret } from './crypto.ts';
import { NotFound } from './errors.ts';
import type { EventTypes } from './event-types.ts';
import type { Webhook, Workspace } from './model.ts';
import { validateSubscription } from './topics.ts';
import { ensureWebhookRoom } from './webhook-limit.ts';

/** The path under which hookd relays a listen session's deliveries (api/listen/relay.ts). */
export const RELAY_PATH = '/listen-relay/';

interface ListenMeta {
  session: string;
  leaseUntil: number;
}

/** The session a webhook belongs to, if it is a `hookd listen` one. */
export function listenSession(webhook: Pick<Webhook, 'meta'>): ListenMeta | null {
  const listen = webhook.meta.listen as Partial<ListenMeta> | undefined;
  return listen && typeof listen.session === 'string' && typeof listen.leaseUntil === 'number' ? { session: listen.session, leaseUntil: listen.leaseUntil } : null;
}

export interface NewListener {
  sessionId: string;
  webhook: Webhook;
  secret: string;
}

export class Listeners {
  constructor(private readonly ctx: CoreContext, private readonly eventTypes: EventTypes, private readonly webhookOf: (workspace: Workspace, seq: number) => Promise<Webhook>) {}

  /** A session and its webhook, subscribed to `events`, delivering to `relayOrigin` + RELAY_PATH + its id. */
  async open(workspace: Workspace, events: string[], relayOrigin: string, leaseMs: number): Promise<NewListener> {
    // A session is a webhook: it counts against the workspace's limit like any other.
    await ensureWebhookRoom(this.ctx, workspace);
    const sessionId = randomBytes(24).toString('base64url');
    const secret = generateWebhookSecret();
    const now = this.ctx.now();
    const stored = await this.ctx.store.webhooks.create({
      workspace,
      name: `hookd listen ${sessionId.slice(0, 8)}`,
      url: `${relayOrigin}${RELAY_PATH}${sessionId}`,
      description: 'temporary: forwards to a developer\'s machine through `hookd listen`; removed when the session ends',
      events: validateSubscription(events, await this.eventTypes.catalog(workspace)),
      sealedHeaders: {},
      status: 'active',
      pausedBehavior: 'drop',
      format: 'standard',
      disableRule: 'standard',
      secretEnc: this.ctx.box.encrypt(secret),
      meta: { listen: { session: sessionId, leaseUntil: now + leaseMs } satisfies ListenMeta },
      now,
    });
    return { sessionId, webhook: await this.webhookOf(workspace, stored.seq), secret };
  }

  /** The session's webhook in this workspace (404 otherwise). */
  async find(workspace: Workspace, sessionId: string): Promise<Webhook> {
    for (const found of await this.ctx.store.webhooks.listeners(workspace)) {
      if (listenSession(found)?.session === sessionId) return this.webhookOf(workspace, found.seq);
    }
    throw new NotFound('listen_session');
  }

  /** Moves the lease on (the CLI is still connected). */
  async renew(webhookSeq: number, sessionId: string, leaseMs: number): Promise<void> {
    await this.ctx.store.webhooks.update(webhookSeq, { meta: { listen: { session: sessionId, leaseUntil: this.ctx.now() + leaseMs } satisfies ListenMeta } }, this.ctx.now());
  }

  async close(webhookSeq: number): Promise<void> {
    await this.ctx.store.webhooks.delete(webhookSeq);
    this.ctx.stopped(webhookSeq);
  }

  /** Deletes the webhooks of sessions whose lease ran out. Returns how many. */
  async sweep(): Promise<number> {
    const now = this.ctx.now();
    let swept = 0;
    for (const webhook of await this.ctx.store.webhooks.listeners()) {
      const listen = listenSession(webhook);
      if (listen && listen.leaseUntil < now) {
        await this.close(webhook.seq);
        swept++;
      }
    }
    return swept;
  }
}
