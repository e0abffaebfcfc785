/**
 * Auth with a stand-in store whose look-ups the test finishes by hand: a revocation while a look-up is
 * under way must not let that look-up put the revoked key back in the cache; failed authentications are
 * limited per client address and per consumer key.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AdminToken } from '../../src/core/admin-token.ts';
import { Auth } from '../../src/core/auth.ts';
import { SecretBox, sha256Hex } from '../../src/core/crypto.ts';
import { TooManyAttempts, Unauthorized } from '../../src/core/errors.ts';
import type { ApiKeyMatch, Store } from '../../src/core/ports/store.ts';

const workspace = { id: 'ws-1', seq: 1, name: 'w', createdAt: 0 };
const match = (keyId: string): ApiKeyMatch => ({
  key: { id: keyId, seq: 1, workspaceId: 'ws-1', name: 'k', prefix: 'hk_', consumerKeyEnd: 'x', createdAt: 0, lastUsedAt: null, revokedAt: null },
  workspace,
  consumerSecretHash: sha256Hex('cs_right'),
  consumerSecretEnc: '',
});

/** A store whose key look-ups wait until the test settles them, answering with what `keys` holds then. */
function storeWithManualLookups() {
  const keys = new Map<string, ApiKeyMatch>();
  const waiting: Array<() => void> = [];
  let lookups = 0;
  const lookup = (hash: string) => {
    lookups++;
    // What the store held when the look-up began, answered when the test says so.
    const found = keys.get(hash) ?? null;
    return new Promise<ApiKeyMatch | null>((resolve) => waiting.push(() => resolve(found)));
  };
  const store = {
    workspaces: { findKeyByHash: lookup, findKeyByConsumerKeyHash: lookup, touchKey: async () => undefined },
  } as unknown as Store;
  return { store, keys, settleAll: () => waiting.splice(0).forEach((settle) => settle()), lookups: () => lookups };
}

describe('Auth', () => {
  const box = new SecretBox(randomBytes(32));

  it('does not cache a key that was revoked while it was being looked up', async () => {
    const { store, keys, settleAll, lookups } = storeWithManualLookups();
    const auth = new Auth(store, AdminToken.fixed('admin'), Date.now, box);
    keys.set(sha256Hex('hk_live'), match('key-1'));
    const started = auth.bearer('hk_live');
    await Promise.resolve();
    // Revoked now: the store no longer has it, and this process forgets it.
    keys.delete(sha256Hex('hk_live'));
    auth.forget('key-1');
    settleAll();
    await expect(started).resolves.toMatchObject({ kind: 'workspace' });
    // The next request looks the key up again (nothing cached) and is refused.
    const next = auth.bearer('hk_live');
    await Promise.resolve();
    settleAll();
    await expect(next).rejects.toBeInstanceOf(Unauthorized);
    expect(lookups()).toBe(2);
  });

  it('refuses a client address after too many failures, before any look-up', async () => {
    const { store, keys, settleAll, lookups } = storeWithManualLookups();
    keys.set(sha256Hex('hk_live'), match('key-1'));
    let now = 1_000_000;
    const auth = new Auth(store, AdminToken.fixed('admin'), () => now, box, { failureLimit: 3 });
    const attempt = async (token: string, client: string) => {
      const pending = auth.bearer(token, client);
      await Promise.resolve();
      settleAll();
      return pending;
    };
    for (let i = 0; i < 2; i++) await expect(attempt(`hk_wrong_${i}`, '192.0.2.1')).rejects.toBeInstanceOf(Unauthorized);
    // The failure that reaches the limit already says so.
    await expect(attempt('hk_wrong_2', '192.0.2.1')).rejects.toBeInstanceOf(TooManyAttempts);
    const before = lookups();
    const refused = await attempt('hk_live', '192.0.2.1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyAttempts);
    expect((refused as TooManyAttempts).retryAfterMs).toBeGreaterThan(0);
    expect(lookups()).toBe(before);
    // Another address is not affected; the same one may try again once its minute is over.
    await expect(attempt('hk_live', '192.0.2.2')).resolves.toMatchObject({ kind: 'workspace' });
    now += 60_000;
    await expect(attempt('hk_live', '192.0.2.1')).resolves.toMatchObject({ kind: 'workspace' });
  });

  it("refuses a consumer key's wrong secrets after too many failures, from any address, and still lets its right secret in", async () => {
    const { store, keys, settleAll } = storeWithManualLookups();
    keys.set(sha256Hex('ck_known'), match('key-1'));
    const auth = new Auth(store, AdminToken.fixed('admin'), Date.now, box, { failureLimit: 3 });
    const attempt = async (secret: string, client: string) => {
      const pending = auth.consumerPair('ck_known', secret, client);
      await Promise.resolve();
      settleAll();
      return pending;
    };
    for (let i = 0; i < 2; i++) await expect(attempt('cs_wrong', `198.51.100.${i}`)).rejects.toBeInstanceOf(Unauthorized);
    for (let i = 2; i < 5; i++) await expect(attempt('cs_wrong', `198.51.100.${i}`)).rejects.toBeInstanceOf(TooManyAttempts);
    await expect(attempt('cs_right', '198.51.100.51')).resolves.toMatchObject({ principal: { kind: 'workspace' } });
  });
});
