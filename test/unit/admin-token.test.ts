/** The stored admin token as a running process sees it: replaced in the store, the next request after the refresh time already uses the new one. */
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_REFRESH_MS, ADMIN_TOKEN_SETTING, AdminToken, rotateAdminToken } from '../../src/core/admin-token.ts';
import { sha256Hex } from '../../src/core/crypto.ts';
import type { SettingsRepo } from '../../src/core/ports/store.ts';

function memorySettings(): SettingsRepo & { reads: number } {
  const values = new Map<string, string>();
  return {
    reads: 0,
    async get(key) {
      this.reads++;
      return values.get(key) ?? null;
    },
    async setIfAbsent(key, value) {
      if (!values.has(key)) values.set(key, value);
      return values.get(key) as string;
    },
    async set(key, value) {
      values.set(key, value);
    },
  };
}

describe('AdminToken', () => {
  it('is read again once its copy is old, before the request that finds it old is checked', async () => {
    const settings = memorySettings();
    let now = 1_000;
    await settings.set(ADMIN_TOKEN_SETTING, sha256Hex('hka_first'));
    const token = await AdminToken.stored(settings, () => now);
    expect(await token.hash()).toBe(sha256Hex('hka_first'));
    const replaced = await rotateAdminToken(settings);
    // Within the refresh time the copy in hand holds, without a read.
    const reads = settings.reads;
    now += ADMIN_TOKEN_REFRESH_MS - 1;
    expect(await token.hash()).toBe(sha256Hex('hka_first'));
    expect(settings.reads).toBe(reads);
    now += 1;
    expect(await token.hash()).toBe(sha256Hex(replaced));
  });

  it('adopts a generated token only if none is stored yet', async () => {
    const settings = memorySettings();
    const token = await AdminToken.stored(settings);
    expect(token.exists).toBe(false);
    expect(await token.adopt('hka_mine')).toBe(true);
    expect(await token.hash()).toBe(sha256Hex('hka_mine'));
    // Another process stored one first (several processes starting on one PostgreSQL): that one stays.
    const racing = memorySettings();
    const late = await AdminToken.stored(racing);
    await racing.set(ADMIN_TOKEN_SETTING, sha256Hex('hka_first_process'));
    expect(await late.adopt('hka_late')).toBe(false);
    expect(await late.hash()).toBe(sha256Hex('hka_first_process'));
  });
});
