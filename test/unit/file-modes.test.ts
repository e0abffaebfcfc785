/** The data dir holds payloads, response bodies and the encryption key: hookd creates it 0700 and its files 0600. */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startHookd } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

describe('file modes', () => {
  const parent = mkdtempSync(join(tmpdir(), 'hookd-modes-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('creates the data dir owner-only, and every file in it owner-only', async () => {
    const dataDir = join(parent, 'nested', 'data');
    const hookd = await startHookd(loadConfig({}, { dataDir, port: '0', host: '127.0.0.1', adminToken: 'admin', logLevel: 'warn' }), pino({ level: 'warn' }));
    try {
      // Something written, so the write-ahead log and shared-memory files exist.
      await hookd.core.workspaces.create({ name: 'modes' });
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(dataDir).toString(8)).toBe('700');
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['hookd.sqlite', 'hookd.sqlite-wal', 'hookd.sqlite-shm', 'encryption.key']));
      for (const file of files) expect(mode(join(dataDir, file)).toString(8), file).toBe('600');
    } finally {
      await hookd.close();
    }
  });
});
