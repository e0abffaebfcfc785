/** Header values a hookd stored in clear, before they were sealed, are sealed at the next start, once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sealStoredHeaders } from '../../src/bootstrap.ts';
import { SecretBox } from '../../src/core/crypto.ts';
import { openStore } from '../../src/store/open.ts';

describe('sealStoredHeaders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookd-seal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seals values stored in clear, leaves sealed ones, and runs once', async () => {
    const store = await openStore({ dataDir: dir, databaseUrl: undefined });
    try {
      await store.migrate();
      const box = new SecretBox(randomBytes(32));
      const workspace = await store.workspaces.create('w', Date.now());
      const fields = { workspace, name: 'w', url: 'https://example.com', description: '', events: ['*'], status: 'active' as const, secretEnc: 'x', format: 'standard' as const, meta: {}, pausedBehavior: 'queue' as const, disableRule: 'standard' as const, now: Date.now() };
      const sealedAlready = box.encrypt('already');
      const legacy = await store.webhooks.create({ ...fields, sealedHeaders: { Authorization: 'Bearer in-clear', 'X-Sealed': sealedAlready } });
      const none = await store.webhooks.create({ ...fields, sealedHeaders: {} });

      expect(await sealStoredHeaders(store, box, Date.now())).toBe(1);
      const after = (await store.webhooks.getBySeq(workspace, legacy.seq))!.sealedHeaders;
      expect(after.Authorization).not.toContain('in-clear');
      expect(box.decrypt(after.Authorization)).toBe('Bearer in-clear');
      expect(after['X-Sealed']).toBe(sealedAlready);
      expect((await store.webhooks.getBySeq(workspace, none.seq))!.sealedHeaders).toEqual({});

      await store.webhooks.create({ ...fields, sealedHeaders: { 'X-Late': 'clear' } });
      expect(await sealStoredHeaders(store, box, Date.now())).toBe(0);
    } finally {
      await store.close();
    }
  });
});
