/** A "PostgreSQL" that accepts connections and never answers: hookd gives up at its timeout, with words, instead of hanging. */
import { createServer, type Socket } from 'node:net';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startHookd } from '../../src/app.ts';
import { StartupError, loadConfig } from '../../src/config.ts';

describe('PostgreSQL that never answers', () => {
  it('fails the start after HOOKD_DATABASE_TIMEOUT with a clear message', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const config = loadConfig({}, { databaseUrl: `postgres://hookd@127.0.0.1:${port}/hookd`, databaseTimeout: '500ms', port: '0', adminToken: 'a', logLevel: 'silent' });
      const error = await startHookd(config, pino({ level: 'silent' })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(/^cannot use PostgreSQL at HOOKD_DATABASE_URL: .*timeout/i);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
