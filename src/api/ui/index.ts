/**
 * The web UI (ui/): the operator dashboard at /ui and each workspace's customer portal at /ui/portal/<ws>.
 * Both are the same page and script; all they do, they do through the public native API.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/hookd.ts';
import { uiAssets } from './bundle.ts';
import { setUiHeaders } from './security-headers.ts';

const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hookd</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/assets/app.css">
<script type="module" src="/ui/assets/app.js"></script>
</head>
<body><div id="app"></div></body>
</html>
`;

export function webUi(core: Core) {
  return async function register(app: FastifyInstance): Promise<void> {
    const shell = (frameAncestors: readonly string[]) => (_request: unknown, reply: import('fastify').FastifyReply) => {
      setUiHeaders(reply, frameAncestors);
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(SHELL);
    };
    app.get('/ui', { schema: { hide: true } }, shell([]));
    app.get('/ui/', { schema: { hide: true } }, shell([]));

    app.get<{ Params: { ws: string } }>('/ui/portal/:ws', { schema: { hide: true } }, async (request, reply) => {
      // Unknown workspace: the same page, framed by nobody; it says the link does not work once it runs.
      return shell(await core.workspaces.portalFrameAncestors(request.params.ws))(request, reply);
    });

    app.get<{ Params: { name: string } }>('/ui/assets/:name', { schema: { hide: true } }, async (request, reply) => {
      const asset = (await uiAssets()).get(request.params.name);
      if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
      setUiHeaders(reply, []);
      reply.header('etag', asset.etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      return reply.type(asset.contentType).send(asset.body);
    });
  };
}
