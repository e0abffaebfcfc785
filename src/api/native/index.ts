/** hookd's native API: UP42's webhook paths and envelope, extended (seed 002). */
import type { Core } from '../../core/hookd.ts';
import { NativeAccess, type NativeApp } from './context.ts';
import { sendNativeError } from './envelope.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { eventRoutes } from './routes/events.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { workspaceRoutes } from './routes/workspaces.ts';
import { healthRoutes } from './routes/health.ts';
import { keyRoutes } from './routes/keys.ts';
import { uiSessionRoutes, type UiSessionOptions } from './routes/ui-sessions.ts';
import type { ListenHub } from '../listen/hub.ts';
import { listenRoutes } from '../listen/routes.ts';

/** `listen`: the `hookd listen` connections of this process (api/listen/). */
export function nativeApi(core: Core, listen: { hub: ListenHub; graceMs: number }, ui: UiSessionOptions) {
  return async function register(app: NativeApp): Promise<void> {
    app.setErrorHandler(sendNativeError);
    // JSON only: any other body is 415, not a string that fails the schema.
    app.removeContentTypeParser('text/plain');
    const access = new NativeAccess(core);
    workspaceRoutes(app, core, access);
    catalogRoutes(app, core, access);
    webhookRoutes(app, core, access);
    keyRoutes(app, core);
    eventRoutes(app, core, access);
    deliveryRoutes(app, core, access);
    listenRoutes(app, core, access, listen.hub, listen.graceMs);
    healthRoutes(app, core, access);
    uiSessionRoutes(app, core, access, ui);
  };
}
