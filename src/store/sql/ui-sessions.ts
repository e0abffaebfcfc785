import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { NewUiSession, UiSessionMatch, UiSessionsRepo } from '../../core/ports/store.ts';
import type { UiSessionKind } from '../../core/ui-sessions.ts';
import type { Workspace } from '../../core/model.ts';
import { num, toWorkspace } from './rows.ts';
import { keepNewest } from './keep-newest.ts';

export class SqlUiSessions implements UiSessionsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(s: NewUiSession): Promise<void> {
    await this.db.insertInto('ui_sessions').values({
      id_hash: s.idHash, kind: s.kind, workspace_id: s.workspaceSeq, api_key_id: s.apiKeySeq, admin_token_check: s.adminTokenCheck,
      read_only: s.readOnly ? 1 : 0, created_at: s.now, expires_at: s.expiresAt,
    }).execute();
  }

  keepNewest(workspaceSeq: number | null, keep: number): Promise<void> {
    return keepNewest(this.db, 'ui_sessions', workspaceSeq, keep);
  }

  keepNewestPortalLinks(workspaceSeq: number, keep: number): Promise<void> {
    return keepNewest(this.db, 'portal_links', workspaceSeq, keep);
  }

  async find(idHash: string): Promise<UiSessionMatch | null> {
    const row = await this.db.selectFrom('ui_sessions')
      .leftJoin('workspaces', 'workspaces.id', 'ui_sessions.workspace_id')
      .leftJoin('api_keys', 'api_keys.id', 'ui_sessions.api_key_id')
      .select(['ui_sessions.kind', 'ui_sessions.admin_token_check', 'ui_sessions.read_only', 'ui_sessions.expires_at',
        'ui_sessions.workspace_id', 'ui_sessions.api_key_id', 'api_keys.uid as key_uid', 'api_keys.revoked_at as key_revoked_at',
        'workspaces.id as ws_id', 'workspaces.uid as ws_uid', 'workspaces.name as ws_name', 'workspaces.created_at as ws_created_at', 'workspaces.deleted_at as ws_deleted_at'])
      .where('ui_sessions.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;
    // A session of a deleted workspace, or of a revoked key, is over.
    if (row.workspace_id !== null && (row.ws_id === null || row.ws_deleted_at !== null)) return null;
    if (row.api_key_id !== null && (row.key_uid === null || row.key_revoked_at !== null)) return null;
    const workspace: Workspace | null = row.ws_id !== null && row.ws_uid !== null && row.ws_name !== null && row.ws_created_at !== null
      ? toWorkspace({ id: row.ws_id, uid: row.ws_uid, name: row.ws_name, created_at: row.ws_created_at })
      : null;
    return {
      kind: row.kind as UiSessionKind,
      workspace,
      apiKeyId: row.key_uid ?? null,
      adminTokenCheck: row.admin_token_check,
      readOnly: num(row.read_only) === 1,
      expiresAt: num(row.expires_at),
    };
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('ui_sessions').where('id_hash', '=', idHash).execute();
  }

  async prune(now: number): Promise<void> {
    await this.db.deleteFrom('ui_sessions').where('expires_at', '<', now).execute();
    await this.db.deleteFrom('portal_links').where('expires_at', '<', now).execute();
  }

  async createPortalLink(link: { tokenHash: string; workspaceSeq: number; readOnly: boolean; now: number; expiresAt: number }): Promise<void> {
    await this.db.insertInto('portal_links').values({
      token_hash: link.tokenHash, workspace_id: link.workspaceSeq, read_only: link.readOnly ? 1 : 0, created_at: link.now, expires_at: link.expiresAt, used_at: null,
    }).execute();
  }

  async usePortalLink(tokenHash: string, now: number): Promise<{ workspace: Workspace; readOnly: boolean; expiresAt: number } | null> {
    const used = await this.db.updateTable('portal_links').set({ used_at: now })
      .where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now)
      .returning(['workspace_id', 'read_only', 'expires_at']).executeTakeFirst();
    if (!used) return null;
    const ws = await this.db.selectFrom('workspaces').selectAll().where('id', '=', used.workspace_id).where('deleted_at', 'is', null).executeTakeFirst();
    return ws ? { workspace: toWorkspace(ws), readOnly: num(used.read_only) === 1, expiresAt: num(used.expires_at) } : null;
  }
}
