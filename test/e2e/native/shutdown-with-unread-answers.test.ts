/**
 * A client that stops reading its answers must not hold hookd's shutdown: such a connection stays busy,
 * and the server's close waited for it forever (found when a test left large answers unread). Past the
 * shutdown grace, whatever is still open is cut, and close() returns.
 */
import { describe, expect, it } from 'vitest';
import { startTestHookd } from '../../helpers/hookd.ts';

describe('stopping while clients leave answers unread', () => {
  it('returns once the shutdown grace has passed', async () => {
    const server = await startTestHookd({ shutdownGrace: '500ms' });
    // Large answers (Swagger UI's files), none of them read: their connections stay busy.
    const unread: Response[] = [];
    for (const path of ['/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-ui.css', '/openapi.json']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      unread.push(response);
    }
    let stopped = false;
    const stopping = server.stop().then(() => { stopped = true; });
    // Before the fix this never resolved (the test timed out); now it does, within the grace and a little.
    await stopping;
    expect(stopped).toBe(true);
    await Promise.allSettled(unread.map((response) => response.arrayBuffer()));
  });
});
