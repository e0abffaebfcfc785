/** A workspace's event catalog: the built-in types plus the ones the workspace added. */
import { BUILT_IN_EVENT_TYPES } from './catalog.ts';
import type { CoreContext } from './context.ts';
import { Conflict, Invalid, NotFound } from './errors.ts';
import type { EventType, Workspace } from './model.ts';
import { validateEventName } from './topics.ts';
import { isOperationalType } from './operational-events.ts';
import { isActionEvent } from './woocommerce-topics.ts';
import { validateJsonDepth, validateText } from './validation.ts';
import { checkEventData, validateEventSchema } from './event-schemas.ts';
import { ensureCatalogRoom } from './catalog-room.ts';

/** A WooCommerce action event (`action.woocommerce_add_to_cart`): every such name is a valid event. */
function actionEventType(name: string): EventType {
  const hook = name.slice('action.'.length);
  return { name, title: `Action ${hook}`, category: 'action', description: `Sent when WordPress fires the ${hook} action`, example: { arg: 'example' }, builtIn: true, deprecated: false, schema: null };
}

const BUILT_IN_BY_NAME = new Map(BUILT_IN_EVENT_TYPES.map((type) => [type.name, type]));

export interface EventTypeInput {
  name: string;
  title?: string;
  category?: string;
  description?: string;
  example?: Record<string, unknown>;
  deprecated?: boolean;
  /** A JSON Schema its events' data must match (core/event-schemas.ts); null removes it. */
  schema?: unknown;
}

/** What PATCH may change of a workspace's own event type (its name is its identity). */
export type EventTypeChanges = Partial<Omit<EventTypeInput, 'name'>>;

/** How many of the webhooks still subscribed to a type a refused delete names. */
const NAMED_SUBSCRIBERS = 10;

export class EventTypes {
  constructor(private readonly ctx: CoreContext) {}

  async catalog(workspace: Workspace): Promise<EventType[]> {
    const custom = await this.ctx.store.eventTypes.list(workspace);
    return [...BUILT_IN_EVENT_TYPES, ...custom];
  }

  async find(workspace: Workspace, name: string): Promise<EventType | undefined> {
    const known = BUILT_IN_BY_NAME.get(name) ?? (isActionEvent(name) ? actionEventType(name) : undefined);
    return known ?? (await this.ctx.store.eventTypes.find(workspace, name)) ?? undefined;
  }

  async create(workspace: Workspace, input: EventTypeInput): Promise<EventType> {
    validateEventName(input.name, 'name');
    // Action events are a built-in family: a custom type of that name would be shadowed by it.
    if (BUILT_IN_BY_NAME.has(input.name) || isActionEvent(input.name)) {
      throw new Conflict(`"${input.name}" is a built-in event type`, 'name');
    }
    if (isOperationalType(input.name)) throw new Invalid('name', `"hookd." names are hookd's own operational events: choose another name`);
    const [category] = input.name.split('.');
    const type: EventType = {
      name: input.name,
      title: input.title === undefined ? input.name : validateText(input.title, 'title', 200),
      category: input.category === undefined ? category : validateText(input.category, 'category', 100),
      description: input.description === undefined ? '' : validateText(input.description, 'description', 2000, false),
      example: validExample(input.example ?? {}),
      builtIn: false,
      deprecated: input.deprecated ?? false,
      schema: input.schema === undefined || input.schema === null ? null : validateEventSchema(input.schema),
    };
    exampleMatches(type);
    await ensureCatalogRoom(this.ctx, workspace, type);
    return this.ctx.store.eventTypes.create(workspace, type, this.ctx.now());
  }

  async update(workspace: Workspace, name: string, changes: EventTypeChanges): Promise<EventType> {
    const current = await this.custom(workspace, name);
    const updated = changed(current, changes);
    exampleMatches(updated);
    await ensureCatalogRoom(this.ctx, workspace, updated, current);
    if (!(await this.ctx.store.eventTypes.update(workspace, updated))) throw new NotFound('event_type');
    return updated;
  }

  /** Deletes a workspace's own type; refused while a webhook subscribes to it by name (409 naming them). */
  async delete(workspace: Workspace, name: string): Promise<void> {
    await this.custom(workspace, name);
    const subscribers = await this.ctx.store.eventTypes.subscribers(workspace, name, NAMED_SUBSCRIBERS + 1);
    if (subscribers.length > 0) {
      const named = subscribers.slice(0, NAMED_SUBSCRIBERS).map((webhook) => `${webhook.id} (${webhook.name})`).join(', ');
      const more = subscribers.length > NAMED_SUBSCRIBERS ? ' and more' : '';
      throw new Conflict(`event type "${name}" is still used by webhook${subscribers.length > 1 ? 's' : ''} ${named}${more}: remove it from their events first`, 'name');
    }
    if (!(await this.ctx.store.eventTypes.delete(workspace, name))) throw new NotFound('event_type');
  }

  /** The workspace's own type of this name: a built-in one cannot be changed (409), an unknown one is 404. */
  private async custom(workspace: Workspace, name: string): Promise<EventType> {
    if (BUILT_IN_BY_NAME.has(name) || isActionEvent(name)) throw new Conflict(`"${name}" is a built-in event type: only a workspace's own types change`, 'name');
    const found = await this.ctx.store.eventTypes.find(workspace, name);
    if (!found) throw new NotFound('event_type');
    return found;
  }
}

/** A type's example (what test sends carry) must satisfy its own schema. */
function exampleMatches(type: EventType): void {
  if (!type.schema) return;
  try {
    checkEventData(JSON.stringify(type.schema), type.example);
  } catch (error) {
    throw new Invalid('example', `does not match the type's schema: ${(error as Error).message}`);
  }
}

function validExample(example: Record<string, unknown>): Record<string, unknown> {
  validateJsonDepth(example, 'example');
  if (JSON.stringify(example).length > 64 * 1024) throw new Invalid('example', 'must be at most 64 KiB of JSON');
  return example;
}

/** `current` with `changes` made, each checked as a new type's fields are. */
function changed(current: EventType, changes: EventTypeChanges): EventType {
  return {
    ...current,
    ...(changes.title === undefined ? {} : { title: validateText(changes.title, 'title', 200) }),
    ...(changes.category === undefined ? {} : { category: validateText(changes.category, 'category', 100) }),
    ...(changes.description === undefined ? {} : { description: validateText(changes.description, 'description', 2000, false) }),
    ...(changes.example === undefined ? {} : { example: validExample(changes.example) }),
    ...(changes.deprecated === undefined ? {} : { deprecated: changes.deprecated }),
    ...(changes.schema === undefined ? {} : { schema: changes.schema === null ? null : validateEventSchema(changes.schema) }),
  };
}
