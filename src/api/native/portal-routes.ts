/**
 * What a customer portal session may do: manage its workspace's webhooks and read what was sent to them.
 * Everything else (workspaces, API keys, the catalog's own types, publishing, listening, other portals)
 * is refused to it, whatever the route checks after. Listed in one place so it can be read as a whole.
 */
const PORTAL_ROUTES: ReadonlySet<string> = new Set([
  'GET /ui-sessions/current',
  'DELETE /ui-sessions/current',
  'GET /workspaces/:ws/portal-settings',
  'GET /workspaces/:ws/health',
  'GET /webhooks/events',
  'GET /workspaces/:ws/event-types',
  'GET /workspaces/:ws/webhooks',
  'GET /workspaces/:ws/webhooks/count',
  'POST /workspaces/:ws/webhooks',
  'GET /workspaces/:ws/webhooks/:id',
  'PUT /workspaces/:ws/webhooks/:id',
  'PATCH /workspaces/:ws/webhooks/:id',
  'DELETE /workspaces/:ws/webhooks/:id',
  'GET /workspaces/:ws/webhooks/:id/secret',
  'POST /workspaces/:ws/webhooks/:id/rotate-secret',
  'POST /workspaces/:ws/webhooks/:id/filter/check',
  'POST /workspaces/:ws/webhooks/:id/transform/check',
  'POST /workspaces/:ws/webhooks/:id/tests',
  'POST /workspaces/:ws/webhooks/:id/test',
  'GET /workspaces/:ws/webhooks/:id/deliveries',
  'GET /workspaces/:ws/webhooks/:id/deliveries/:deliveryId',
  'POST /workspaces/:ws/webhooks/:id/deliveries/:deliveryId/resend',
  'POST /workspaces/:ws/webhooks/:id/recover',
  'GET /workspaces/:ws/webhooks/:id/attempts',
  'GET /workspaces/:ws/deliveries',
  'GET /workspaces/:ws/attempts',
  'GET /workspaces/:ws/events',
  'GET /workspaces/:ws/events/:id',
]);

export function portalMay(method: string, routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && PORTAL_ROUTES.has(`${method === 'HEAD' ? 'GET' : method} ${routeUrl}`);
}
