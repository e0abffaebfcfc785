/** Sessions of the JSON-RPC face (`login` → session id), kept in the store so they survive restarts. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function sessions(dialect: Dialect) {
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', ref, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('api_key_id', ref, (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expiry').on('sessions').columns(['expires_at']).execute();
    },
  };
}
