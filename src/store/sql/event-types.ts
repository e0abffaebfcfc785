import type { Kysely } from 'kysely';
import { Conflict } from '../../core/errors.ts';
import type { EventType } from '../../core/model.ts';
import type { Database } from '../schema.ts';
import type { EventTypesRepo, WorkspaceRef } from '../../core/ports/store.ts';
import { parseJson } from './rows.ts';

export class SqlEventTypes implements EventTypesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async list(workspace: WorkspaceRef): Promise<EventType[]> {
    const rows = await this.db.selectFrom('event_types').selectAll().where('workspace_id', '=', workspace.seq)
      .orderBy('name').execute();
    return rows.map((row) => ({
      name: row.name,
      title: row.title,
      category: row.category,
      description: row.description,
      example: parseJson(row.example, {}),
      builtIn: false,
    }));
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
    }).onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new Conflict(`event type "${type.name}" already exists`, 'name');
    return { ...type, builtIn: false };
  }
}
