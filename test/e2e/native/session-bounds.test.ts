/**
 * Sessions and portal links are bounded per workspace (store/sql/keep-newest.ts): a loop of logins, web
 * sign-ins or portal links ends the oldest instead of growing the store without end. The store's bound on
 * both stores, and each way of making one applying its core's bound.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_SESSIONS_PER_WORKSPACE } from '../../../src/core/sessions.ts';
import { MAX_PORTAL_LINKS_PER_WORKSPACE, MAX_UI_SESSIONS_PER_WORKSPACE } from '../../../src/core/ui-sessions.ts';
import type { Workspace } from '../../../src/core/model.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { ADMIN, createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('session bounds', () => {
  let server: TestHookd;
  let store: SqlStore;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let workspaces: Workspace[];

  beforeAll(async () => {
    server = await startTestHookd();
    store = server.hookd.store as SqlStore;
    ws = await createWorkspace(server.api, 'bounded');
    const other = await createWorkspace(server.api, 'other');
    workspaces = await Promise.all([ws.id, other.id].map(async (id) => (await store.workspaces.get(id))!));
  });

  afterAll(async () => {
    await server?.stop();
  });

  const keySeqOf = async (workspace: Workspace) => Number((await store.db.selectFrom('api_keys').select('id').where('workspace_id', '=', workspace.seq).executeTakeFirstOrThrow()).id);

  it('keeps the newest login sessions of a workspace, and leaves the others', async () => {
    const at = Date.now();
    for (const workspace of workspaces) {
      const keySeq = await keySeqOf(workspace);
      for (let i = 0; i < 5; i++) await store.sessions.create(`s-${workspace.seq}-${i}`, workspace, keySeq, at + i, at + 60_000);
    }
    await store.sessions.keepNewest(workspaces[0], 3);
    const kept = async (workspace: Workspace) => {
      const found = await Promise.all([0, 1, 2, 3, 4].map((i) => store.sessions.find(`s-${workspace.seq}-${i}`)));
      return found.map((match) => match !== null);
    };
    expect(await kept(workspaces[0])).toEqual([false, false, true, true, true]);
    expect(await kept(workspaces[1])).toEqual([true, true, true, true, true]);
    // Fewer than the bound: nothing ends.
    await store.sessions.keepNewest(workspaces[1], 10);
    expect(await kept(workspaces[1])).toEqual([true, true, true, true, true]);
  });

  it("keeps the newest web sessions of a workspace and of the admin, and the newest portal links", async () => {
    const at = Date.now();
    const keySeq = await keySeqOf(workspaces[0]);
    for (let i = 0; i < 4; i++) {
      await store.uiSessions.create({ idHash: `ui-ws-${i}`, kind: 'workspace', workspaceSeq: workspaces[0].seq, apiKeySeq: keySeq, adminTokenCheck: null, readOnly: false, now: at + i, expiresAt: at + 60_000 });
      await store.uiSessions.create({ idHash: `ui-admin-${i}`, kind: 'admin', workspaceSeq: null, apiKeySeq: null, adminTokenCheck: 'x', readOnly: false, now: at + i, expiresAt: at + 60_000 });
      await store.uiSessions.createPortalLink({ tokenHash: `link-${i}`, workspaceSeq: workspaces[0].seq, readOnly: false, now: at + i, expiresAt: at + 60_000 });
    }
    await store.uiSessions.keepNewest(workspaces[0].seq, 2);
    await store.uiSessions.keepNewest(null, 3);
    await store.uiSessions.keepNewestPortalLinks(workspaces[0].seq, 1);
    const present = async (ids: string[]) => Promise.all(ids.map(async (id) => (await store.uiSessions.find(id)) !== null));
    expect(await present([0, 1, 2, 3].map((i) => `ui-ws-${i}`))).toEqual([false, false, true, true]);
    expect(await present([0, 1, 2, 3].map((i) => `ui-admin-${i}`))).toEqual([false, true, true, true]);
    const links = await store.db.selectFrom('portal_links').select('token_hash').where('workspace_id', '=', workspaces[0].seq).execute();
    expect(links.map((link) => link.token_hash)).toEqual(['link-3']);
  });

  it('applies the bounds at every login, sign-in and portal link', async () => {
    const sessions = vi.spyOn(store.sessions, 'keepNewest');
    const ui = vi.spyOn(store.uiSessions, 'keepNewest');
    const links = vi.spyOn(store.uiSessions, 'keepNewestPortalLinks');
    try {
      const login = await fetch(`${server.url}/api/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'login', params: [ws.consumerKey, ws.consumerSecret] }) });
      expect(((await login.json()) as { result: string }).result).toMatch(/^[0-9a-f]{32}$/);
      expect(sessions).toHaveBeenCalledWith(expect.objectContaining({ seq: workspaces[0].seq }), MAX_SESSIONS_PER_WORKSPACE);

      const signIn = async (token: string) => (await fetch(`${server.url}/ui-sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).status;
      expect(await signIn(ws.key)).toBe(201);
      expect(await signIn(ADMIN)).toBe(201);
      expect(ui).toHaveBeenCalledWith(workspaces[0].seq, MAX_UI_SESSIONS_PER_WORKSPACE);
      expect(ui).toHaveBeenCalledWith(null, MAX_UI_SESSIONS_PER_WORKSPACE);

      const link = await ws.api.post(`/workspaces/${ws.id}/portal-sessions`, {});
      expect(link.status).toBe(201);
      expect(links).toHaveBeenCalledWith(workspaces[0].seq, MAX_PORTAL_LINKS_PER_WORKSPACE);
      const token = (link.body.data.url as string).split('#token=')[1];
      ui.mockClear();
      const opened = await fetch(`${server.url}/ui-sessions/portal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      expect(opened.status).toBe(201);
      expect(ui).toHaveBeenCalledWith(workspaces[0].seq, MAX_UI_SESSIONS_PER_WORKSPACE);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
