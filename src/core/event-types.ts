/** A workspace's event catalog: the built-in types plus the ones the workspace added. */
import { BUILT_IN_EVENT_TYPES } from './catalog.ts';
import type { CoreContext } from './context.ts';
import { Conflict, Invalid } from './errors.ts';
import type { EventType, Workspace } from './model.ts';
import { validateEventName } from './topics.ts';
import { isActionEvent } from './woocommerce-topics.ts';
import { validateJsonDepth, validateText } from './validation.ts';

/** A WooCommerce action event (`action.woocommerce_add_to_cart`): every such name is a valid event. */
function actionEventType(name: string): EventType {
  const hook = name.slice('action.'.length);
  return { name, title: `Action ${hook}`, category: 'action', description: `Sent when WordPress fires the ${hook} action`, example: { arg: 'example' }, builtIn: true };
}

const BUILT_IN_BY_NAME = new Map(BUILT_IN_EVENT_TYPES.map((type) => [type.name, type]));

export interface EventTypeInput {
  name: string;
  title?: string;
  category?: string;
  description?: string;
  example?: Record<string, unknown>;
}

export class EventTypes {
  constructor(private readonly ctx: CoreContext) {}

  async catalog(workspace: Workspace): Promise<EventType[]> {
    const custom = await this.ctx.store.eventTypes.list(workspace);
    return [...BUILT_IN_EVENT_TYPES, ...custom];
  }

  async find(workspace: Workspace, name: string): Promise<EventType | undefined> {
    const known = BUILT_IN_BY_NAME.get(name) ?? (isActionEvent(name) ? actionEventType(name) : undefined);
    return known ?? (await this.ctx.store.eventTypes.list(workspace)).find((type) => type.name === name);
  }

  async create(workspace: Workspace, input: EventTypeInput): Promise<EventType> {
    validateEventName(input.name, 'name');
    // Action events are a built-in family: a custom type of that name would be shadowed by it.
    if (BUILT_IN_BY_NAME.has(input.name) || isActionEvent(input.name)) {
      throw new Conflict(`"${input.name}" is a built-in event type`, 'name');
    }
    const example = input.example ?? {};
    validateJsonDepth(example, 'example');
    if (JSON.stringify(example).length > 64 * 1024) throw new Invalid('example', 'must be at most 64 KiB of JSON');
    const [category] = input.name.split('.');
    return this.ctx.store.eventTypes.create(workspace, {
      name: input.name,
      title: input.title === undefined ? input.name : validateText(input.title, 'title', 200),
      category: input.category === undefined ? category : validateText(input.category, 'category', 100),
      description: input.description === undefined ? '' : validateText(input.description, 'description', 2000, false),
      example,
      builtIn: false,
    }, this.ctx.now());
  }
}
