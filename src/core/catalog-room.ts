/**
 * How much of its own catalog a workspace may have. The catalog comes whole (GET …/event-types, the
 * dashboard, the WooCommerce and ShipStream topic lists), and each type may carry a 64 KiB example and
 * a 64 KiB schema: without a bound, any key holder could grow it until one answer is gigabytes.
 */
import type { CoreContext } from './context.ts';
import { Conflict } from './errors.ts';
import type { EventType, Workspace } from './model.ts';

export const MAX_EVENT_TYPES_PER_WORKSPACE = 1_000;
/** The characters of a workspace's own types together (names, titles, descriptions, examples, schemas). */
export const MAX_CATALOG_CHARACTERS = 8 * 1024 * 1024;

/** A type's share of MAX_CATALOG_CHARACTERS, counted as the store counts it (EventTypesRepo.usage). */
export function catalogCharacters(type: EventType): number {
  return type.name.length + type.title.length + type.category.length + type.description.length
    + JSON.stringify(type.example).length + (type.schema === null ? 0 : JSON.stringify(type.schema).length);
}

/** Refuses `type` (409) when the workspace's catalog has no room for it; `replacing`: the version it updates. */
export async function ensureCatalogRoom(ctx: CoreContext, workspace: Workspace, type: EventType, replacing?: EventType): Promise<void> {
  const usage = await ctx.store.eventTypes.usage(workspace);
  if (!replacing && usage.count >= MAX_EVENT_TYPES_PER_WORKSPACE) {
    throw new Conflict(`this workspace has reached its limit of ${MAX_EVENT_TYPES_PER_WORKSPACE} event types; delete one first`);
  }
  const after = usage.characters - (replacing ? catalogCharacters(replacing) : 0) + catalogCharacters(type);
  if (after > MAX_CATALOG_CHARACTERS) {
    throw new Conflict(`this workspace's event types would hold ${after} characters, over its limit of ${MAX_CATALOG_CHARACTERS} (examples and schemas included): make some smaller, or delete some`);
  }
}
