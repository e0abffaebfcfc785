/** How the workspace's webhooks are doing over the last 24 h or 7 d (core/webhook-health.ts): the dashboard's overview. */
import type { Core } from '../../../core/hookd.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { iso } from '../present.ts';
import { HealthQuery, WorkspaceParams } from '../schemas.ts';
import { WorkspaceHealthView, answers } from '../response-schemas.ts';


export function healthRoutes(app: NativeApp, core: Core, access: NativeAccess): void {
  app.get('/workspaces/:ws/health', { schema: { tags: ['webhooks'], operationId: 'getWebhookHealth', summary: 'Each webhook\'s deliveries, success rate, p95 duration and last failure, and attempts over time', response: answers(200, WorkspaceHealthView), params: WorkspaceParams, querystring: HealthQuery } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    const report = await core.health.report(workspace, request.query.window ?? '24h');
    return ok({
      window: report.window,
      since: iso(report.since),
      bucketSeconds: report.bucketMs / 1000,
      webhooks: report.webhooks.map((w) => ({ ...w, lastFailure: w.lastFailure && { ...w.lastFailure, at: iso(w.lastFailure.at) } })),
      series: report.series.map((p) => ({ ...p, at: iso(p.at) })),
    });
  });
}
