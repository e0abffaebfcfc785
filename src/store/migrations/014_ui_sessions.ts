/**
 * Sessions of the web UI (cookie sessions of the dashboard and the customer portal), the portal's one-time
 * links, and each workspace's portal settings (branding, which sites may frame it). Only hashes of session
 * ids and link tokens are stored.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function uiSessions(dialect: Dialect) {
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createTable('ui_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        // admin (signed in with the admin token), workspace (with an API key), portal (through a portal link).
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('workspace_id', ref, (c) => c.references('workspaces.id').onDelete('cascade'))
        .addColumn('api_key_id', ref, (c) => c.references('api_keys.id').onDelete('cascade'))
        // An admin session ends when the admin token changes: the hash of the token's hash it was made with.
        .addColumn('admin_token_check', 'text')
        .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ui_sessions_expiry').on('ui_sessions').columns(['expires_at']).execute();
      await db.schema.createIndex('ui_sessions_workspace').on('ui_sessions').columns(['workspace_id']).execute();
      await db.schema.createTable('portal_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', ref, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('read_only', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('portal_links_expiry').on('portal_links').columns(['expires_at']).execute();
      await db.schema.createIndex('portal_links_workspace').on('portal_links').columns(['workspace_id']).execute();
      await db.schema.alterTable('workspaces').addColumn('portal_settings', 'text').execute();
    },
  };
}
