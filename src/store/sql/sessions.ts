import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { SessionMatch, SessionsRepo, WorkspaceRef } from '../../core/ports/store.ts';
import { num, toWorkspace } from './rows.ts';
import { keepNewest } from './keep-newest.ts';

export class SqlSessions implements SessionsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(idHash: string, workspace: WorkspaceRef, apiKeySeq: number, now: number, expiresAt: number): Promise<void> {
    await this.db.insertInto('sessions').values({ id_hash: idHash, workspace_id: workspace.seq, api_key_id: apiKeySeq, created_at: now, expires_at: expiresAt }).execute();
  }

  keepNewest(workspace: WorkspaceRef, keep: number): Promise<void> {
    return keepNewest(this.db, 'sessions', workspace.seq, keep);
  }

  async find(idHash: string): Promise<SessionMatch | null> {
    const row = await this.db.selectFrom('sessions')
      .innerJoin('workspaces', 'workspaces.id', 'sessions.workspace_id')
      .innerJoin('api_keys', 'api_keys.id', 'sessions.api_key_id')
      .select(['sessions.expires_at', 'api_keys.uid as key_uid', 'workspaces.id as ws_id', 'workspaces.uid as ws_uid',
        'workspaces.name as ws_name', 'workspaces.created_at as ws_created_at'])
      .where('sessions.id_hash', '=', idHash).where('api_keys.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    return {
      workspace: toWorkspace({ id: row.ws_id, uid: row.ws_uid, name: row.ws_name, created_at: row.ws_created_at }),
      apiKeyId: row.key_uid,
      expiresAt: num(row.expires_at),
    };
  }

  async delete(idHash: string): Promise<boolean> {
    const result = await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async prune(now: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }
}
