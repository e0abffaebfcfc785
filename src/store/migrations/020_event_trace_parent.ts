/**
 * The W3C traceparent of the span that published an event, when tracing is on (core/spans.ts): each
 * attempt's span links to it, though it runs later, in another thread or process. Null without tracing.
 */
import type { Kysely } from 'kysely';

export function eventTraceParent() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('events').addColumn('trace_parent', 'text').execute();
    },
  };
}
