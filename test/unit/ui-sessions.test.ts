/**
 * UI sessions over a real SQLite store with a clock the test moves: dashboard and portal sessions expire,
 * a portal link expires unused and works once even when two requests race for it, an admin session ends
 * when the admin token changes, and the CSRF token is tied to its session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminToken, ADMIN_TOKEN_SETTING } from '../../src/core/admin-token.ts';
import { Auth } from '../../src/core/auth.ts';
import type { CoreContext } from '../../src/core/context.ts';
import { SecretBox, sha256Hex } from '../../src/core/crypto.ts';
import { UiSessions } from '../../src/core/ui-sessions.ts';
import { Unauthorized } from '../../src/core/errors.ts';
import { openStore } from '../../src/store/open.ts';
import type { SqlStore } from '../../src/store/sql/index.ts';

describe('UiSessions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookd-ui-sessions-'));
  let store: SqlStore;
  let now = 1_800_000_000_000;
  let sessions: UiSessions;
  let workspace: Awaited<ReturnType<SqlStore['workspaces']['create']>>;

  beforeAll(async () => {
    store = await openStore({ dataDir: dir, databaseUrl: undefined });
    await store.migrate();
    await store.settings.set(ADMIN_TOKEN_SETTING, sha256Hex('admin-one'));
    const clock = () => now;
    const adminToken = await AdminToken.stored(store.settings, clock);
    const box = new SecretBox(randomBytes(32));
    const ctx = { store, box, now: clock, settings: { sessionTtlMs: 24 * 3_600_000 } } as unknown as CoreContext;
    sessions = new UiSessions(ctx, new Auth(store, adminToken, clock, box), adminToken);
    workspace = await store.workspaces.create('w', now);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a dashboard session lasts 12 hours at most', async () => {
    const { sessionId, session } = await sessions.signIn('admin-one');
    expect(session.expiresAt).toBe(now + 12 * 3_600_000);
    expect((await sessions.resolve(sessionId)).principal).toEqual({ kind: 'admin' });
    now += 12 * 3_600_000;
    await expect(sessions.resolve(sessionId)).rejects.toBeInstanceOf(Unauthorized);
  });

  it('an admin session ends when the admin token changes', async () => {
    const { sessionId } = await sessions.signIn('admin-one');
    await store.settings.set(ADMIN_TOKEN_SETTING, sha256Hex('admin-two'));
    now += 10_000; // past the admin token's refresh interval
    await expect(sessions.resolve(sessionId)).rejects.toBeInstanceOf(Unauthorized);
    const fresh = await sessions.signIn('admin-two');
    expect((await sessions.resolve(fresh.sessionId)).principal.kind).toBe('admin');
  });

  it('a portal link works once, even when two requests race for it', async () => {
    const { token, expiresAt } = await sessions.createPortalLink(workspace, { expiresInMs: 600_000, readOnly: true });
    const results = await Promise.allSettled([sessions.openPortal(token), sessions.openPortal(token), sessions.openPortal(token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const opened = results.find((r) => r.status === 'fulfilled')!.value;
    expect(opened.session).toMatchObject({ kind: 'portal', readOnly: true, expiresAt });
    const { principal } = await sessions.resolve(opened.sessionId);
    expect(principal).toMatchObject({ kind: 'workspace', workspace: { id: workspace.id }, portal: { readOnly: true } });
    now = expiresAt;
    await expect(sessions.resolve(opened.sessionId)).rejects.toBeInstanceOf(Unauthorized);
  });

  it('a portal link not used in time is refused, and lifetimes are bounded', async () => {
    const { token } = await sessions.createPortalLink(workspace, { expiresInMs: 60_000 });
    now += 60_000;
    await expect(sessions.openPortal(token)).rejects.toBeInstanceOf(Unauthorized);
    await expect(sessions.createPortalLink(workspace, { expiresInMs: 59_000 })).rejects.toThrow(/between/);
    await expect(sessions.createPortalLink(workspace, { expiresInMs: 8 * 24 * 3_600_000 })).rejects.toThrow(/between/);
  });

  it('ties the CSRF token to its session', async () => {
    const a = await sessions.signIn('admin-two');
    const b = await sessions.signIn('admin-two');
    expect(sessions.csrfToken(a.sessionId)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessions.csrfToken(a.sessionId)).not.toBe(sessions.csrfToken(b.sessionId));
    await sessions.end(a.sessionId);
    await expect(sessions.resolve(a.sessionId)).rejects.toBeInstanceOf(Unauthorized);
  });
});
