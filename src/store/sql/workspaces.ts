import { newId } from '../ids.ts';
import type { Kysely } from 'kysely';
import type { ApiKey, Page, PageRequest, Workspace } from '../../core/model.ts';
import type { Database } from '../schema.ts';
import type { ApiKeyMatch, NewApiKey, WorkspaceRef, WorkspacesRepo } from '../../core/ports/store.ts';
import { decodeCursor, num, toApiKey, toPage, toWorkspace } from './rows.ts';
import { purgeWorkspace } from './workspace-purge.ts';

export class SqlWorkspaces implements WorkspacesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(name: string, now: number): Promise<Workspace> {
    const row = await this.db.insertInto('workspaces').values({ uid: newId(), name, created_at: now })
      .returningAll().executeTakeFirstOrThrow();
    return toWorkspace(row);
  }

  async list(page: PageRequest): Promise<Page<Workspace>> {
    const after = decodeCursor(page.cursor);
    let query = this.db.selectFrom('workspaces').selectAll().where('deleted_at', 'is', null).orderBy('id', 'desc').limit(page.limit + 1);
    if (after !== null) query = query.where('id', '<', after);
    return toPage(await query.execute(), page.limit, toWorkspace);
  }

  async get(id: string): Promise<Workspace | null> {
    const row = await this.db.selectFrom('workspaces').selectAll().where('uid', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async rename(workspace: WorkspaceRef, name: string): Promise<Workspace | null> {
    const row = await this.db.updateTable('workspaces').set({ name })
      .where('id', '=', workspace.seq).where('deleted_at', 'is', null).returningAll().executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async markDeleted(workspace: WorkspaceRef, now: number): Promise<{ keyIds: string[]; webhookSeqs: number[] } | null> {
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('workspaces').set({ deleted_at: now })
        .where('id', '=', workspace.seq).where('deleted_at', 'is', null).executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) return null;
      const keys = await trx.updateTable('api_keys').set({ revoked_at: now })
        .where('workspace_id', '=', workspace.seq).where('revoked_at', 'is', null).returning('uid').execute();
      await trx.deleteFrom('sessions').where('workspace_id', '=', workspace.seq).execute();
      await trx.deleteFrom('ui_sessions').where('workspace_id', '=', workspace.seq).execute();
      await trx.deleteFrom('portal_links').where('workspace_id', '=', workspace.seq).execute();
      // Disabled, so a dispatcher that claims their queued work hands it back (dispatch.ts) until it is removed.
      const webhooks = await trx.updateTable('webhooks').set({ status: 'disabled', disabled_reason: 'workspace deleted', updated_at: now })
        .where('workspace_id', '=', workspace.seq).returning('id').execute();
      await trx.deleteFrom('webhook_subscriptions').where('workspace_id', '=', workspace.seq).execute();
      return { keyIds: keys.map((row) => row.uid), webhookSeqs: webhooks.map((row) => num(row.id)) };
    });
  }

  purge(workspaceSeq: number): Promise<void> {
    return purgeWorkspace(this.db, workspaceSeq);
  }

  async deleted(): Promise<number[]> {
    const rows = await this.db.selectFrom('workspaces').select('id').where('deleted_at', 'is not', null).orderBy('id').execute();
    return rows.map((row) => num(row.id));
  }

  async createKey(input: NewApiKey): Promise<ApiKey> {
    const row = await this.db.insertInto('api_keys').values({
      uid: newId(),
      workspace_id: input.workspace.seq,
      name: input.name,
      prefix: input.prefix,
      key_hash: input.keyHash,
      consumer_key_hash: input.consumerKeyHash,
      consumer_key_end: input.consumerKeyEnd,
      consumer_secret_hash: input.consumerSecretHash,
      consumer_secret_enc: input.consumerSecretEnc,
      created_at: input.now,
    }).returningAll().executeTakeFirstOrThrow();
    return toApiKey(row, input.workspace.id);
  }

  async listKeys(workspace: WorkspaceRef): Promise<ApiKey[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspace.seq)
      .orderBy('id', 'desc').execute();
    return rows.map((row) => toApiKey(row, workspace.id));
  }

  async revokeKey(workspace: WorkspaceRef, keyId: string, now: number): Promise<boolean> {
    const result = await this.db.updateTable('api_keys').set({ revoked_at: now })
      .where('workspace_id', '=', workspace.seq).where('uid', '=', keyId).where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  findKeyByHash(keyHash: string): Promise<ApiKeyMatch | null> {
    return this.findKey('key_hash', keyHash);
  }

  findKeyByConsumerKeyHash(consumerKeyHash: string): Promise<ApiKeyMatch | null> {
    return this.findKey('consumer_key_hash', consumerKeyHash);
  }

  async touchKey(keySeq: number, now: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', keySeq).execute();
  }

  private async findKey(column: 'key_hash' | 'consumer_key_hash', hash: string): Promise<ApiKeyMatch | null> {
    const row = await this.db.selectFrom('api_keys')
      .innerJoin('workspaces', 'workspaces.id', 'api_keys.workspace_id')
      .selectAll('api_keys')
      .select(['workspaces.uid as ws_uid', 'workspaces.name as ws_name', 'workspaces.created_at as ws_created_at'])
      .where(`api_keys.${column}`, '=', hash)
      .where('api_keys.revoked_at', 'is', null)
      .where('workspaces.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    const workspace = toWorkspace({ id: row.workspace_id, uid: row.ws_uid, name: row.ws_name, created_at: row.ws_created_at });
    return {
      key: toApiKey(row, workspace.id),
      workspace,
      consumerSecretHash: row.consumer_secret_hash,
      consumerSecretEnc: row.consumer_secret_enc,
    };
  }

  async portalSettings(workspace: WorkspaceRef): Promise<string | null> {
    const row = await this.db.selectFrom('workspaces').select('portal_settings').where('id', '=', workspace.seq).executeTakeFirst();
    return row?.portal_settings ?? null;
  }

  async setPortalSettings(workspace: WorkspaceRef, json: string): Promise<void> {
    await this.db.updateTable('workspaces').set({ portal_settings: json }).where('id', '=', workspace.seq).execute();
  }
}
