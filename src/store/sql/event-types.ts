import { sql, type Kysely, type Selectable } from 'kysely';
import { Conflict } from '../../core/errors.ts';
import type { EventType } from '../../core/model.ts';
import type { Database, EventTypesTable } from '../schema.ts';
import type { EventTypesRepo, WorkspaceRef } from '../../core/ports/store.ts';
import { num, parseJson } from './rows.ts';

export class SqlEventTypes implements EventTypesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async list(workspace: WorkspaceRef): Promise<EventType[]> {
    const rows = await this.db.selectFrom('event_types').selectAll().where('workspace_id', '=', workspace.seq)
      .orderBy('name').execute();
    return rows.map(toEventType);
  }

  async find(workspace: WorkspaceRef, name: string): Promise<EventType | null> {
    const row = await this.db.selectFrom('event_types').selectAll().where('workspace_id', '=', workspace.seq).where('name', '=', name).executeTakeFirst();
    return row ? toEventType(row) : null;
  }

  async create(workspace: WorkspaceRef, type: EventType, now: number): Promise<EventType> {
    const inserted = await this.db.insertInto('event_types').values({
      workspace_id: workspace.seq,
      name: type.name,
      title: type.title,
      category: type.category,
      description: type.description,
      example: JSON.stringify(type.example),
      created_at: now,
      deprecated: type.deprecated ? 1 : 0,
      schema: type.schema === null ? null : JSON.stringify(type.schema),
    }).onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new Conflict(`event type "${type.name}" already exists`, 'name');
    return { ...type, builtIn: false };
  }

  async usage(workspace: WorkspaceRef): Promise<{ count: number; characters: number }> {
    const row = await this.db.selectFrom('event_types')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(length(name) + length(title) + length(category) + length(description) + length(example) + coalesce(length(schema), 0)), 0)`.as('characters'),
      ])
      .where('workspace_id', '=', workspace.seq).executeTakeFirstOrThrow();
    return { count: num(row.n), characters: num(row.characters) };
  }

  async update(workspace: WorkspaceRef, type: EventType): Promise<boolean> {
    const result = await this.db.updateTable('event_types').set({
      title: type.title, category: type.category, description: type.description, example: JSON.stringify(type.example), deprecated: type.deprecated ? 1 : 0,
      schema: type.schema === null ? null : JSON.stringify(type.schema),
    }).where('workspace_id', '=', workspace.seq).where('name', '=', type.name).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(workspace: WorkspaceRef, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('event_types').where('workspace_id', '=', workspace.seq).where('name', '=', name).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async subscribers(workspace: WorkspaceRef, name: string, limit: number): Promise<Array<{ id: string; name: string }>> {
    return this.db.selectFrom('webhook_subscriptions').innerJoin('webhooks', 'webhooks.id', 'webhook_subscriptions.webhook_id')
      .select(['webhooks.uid as id', 'webhooks.name as name'])
      .where('webhook_subscriptions.workspace_id', '=', workspace.seq).where('webhook_subscriptions.pattern', '=', name)
      .orderBy('webhooks.id').limit(limit).execute();
  }
}

function toEventType(row: Selectable<EventTypesTable>): EventType {
  return {
    name: row.name,
    title: row.title,
    category: row.category,
    description: row.description,
    example: parseJson(row.example, {}),
    builtIn: false,
    deprecated: Number(row.deprecated) === 1,
    schema: parseJson<Record<string, unknown> | null>(row.schema, null),
  };
}
