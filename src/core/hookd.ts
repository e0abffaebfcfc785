/** The engine as the API faces see it: one object holding every core service. */
import type { AdminToken } from './admin-token.ts';
import { Auth } from './auth.ts';
import type { CoreContext } from './context.ts';
import { Deliveries } from './deliveries.ts';
import { EventTypes } from './event-types.ts';
import { Events } from './events.ts';
import { Sessions } from './sessions.ts';
import { UiSessions } from './ui-sessions.ts';
import { WebhookHealthReport } from './webhook-health.ts';
import { WebhookTests } from './testing.ts';
import { Webhooks } from './webhooks.ts';
import { Listeners } from './listeners.ts';
import { Workspaces } from './workspaces.ts';
import { KeyDiscovery } from './key-discovery.ts';

export class Core {
  readonly auth: Auth;
  readonly workspaces: Workspaces;
  readonly eventTypes: EventTypes;
  readonly webhooks: Webhooks;
  readonly events: Events;
  readonly deliveries: Deliveries;
  readonly tests: WebhookTests;
  readonly sessions: Sessions;
  readonly uiSessions: UiSessions;
  readonly health: WebhookHealthReport;
  readonly listeners: Listeners;
  readonly keys: KeyDiscovery;

  constructor(readonly ctx: CoreContext, adminToken: AdminToken) {
    this.auth = new Auth(ctx.store, adminToken, ctx.now, ctx.box, { failureLimit: ctx.settings.authFailureLimit });
    this.workspaces = new Workspaces(ctx, (keyId) => this.auth.forget(keyId));
    this.eventTypes = new EventTypes(ctx);
    this.webhooks = new Webhooks(ctx, this.eventTypes);
    this.events = new Events(ctx, this.eventTypes);
    this.deliveries = new Deliveries(ctx);
    this.tests = new WebhookTests(ctx, this.eventTypes);
    this.sessions = new Sessions(ctx, this.auth);
    this.uiSessions = new UiSessions(ctx, this.auth, adminToken);
    this.health = new WebhookHealthReport(ctx);
    this.keys = new KeyDiscovery(ctx);
    this.listeners = new Listeners(ctx, this.eventTypes, (workspace, seq) => this.webhooks.getBySeq(workspace, seq));
  }
}
