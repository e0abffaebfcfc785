/**
 * What a publishing process keeps of the routing on PostgreSQL (store/sql/subscribed-routes.ts), over a
 * stand-in for the database that answers each look-up with the version and webhooks the test gives.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/core/ports/store.ts';
import type { Database } from '../../src/store/schema.ts';
import { KnownRoutes } from '../../src/store/sql/subscribed-routes.ts';

/** Answers look-ups with `answer(type)`; counts them by event type. */
function database(answer: (type: string) => { version: number; webhooks: number[] }) {
  const lookUps = new Map<string, number>();
  const db = {
    async executeQuery(query: { parameters: readonly unknown[] }) {
      const type = String(query.parameters[1]);
      lookUps.set(type, (lookUps.get(type) ?? 0) + 1);
      const { version, webhooks } = answer(type);
      const rows = webhooks.length === 0
        ? [{ version: String(version), id: null, status: null, paused_behavior: null, filter: null, ordering: null, rate_limit: null }]
        : webhooks.map((id) => ({ version: String(version), id: String(id), status: 'active', paused_behavior: 'queue', filter: null, ordering: 'none', rate_limit: null }));
      return { rows };
    },
  } as unknown as Kysely<Database>;
  return { db, lookUps };
}

const input = (type: string): NewEvent => ({
  workspace: { seq: 1, id: 'ws' }, type, patterns: [type], dataJson: '{}', idempotencyKey: null, idempotencySince: 0, now: 0,
});

describe('known routes', () => {
  it('are looked up once per workspace and type, until a newer version is seen', async () => {
    let version = 5;
    const { db, lookUps } = database(() => ({ version, webhooks: [3, 2] }));
    const known = new KnownRoutes('postgres');
    const first = await known.of(db, [input('a'), input('a'), input('b')]);
    expect(first?.version).toBe(5);
    expect(first?.found.map(({ routes }) => routes.map((route) => route.seq))).toEqual([[2, 3], [2, 3], [2, 3]]);
    await known.of(db, [input('a'), input('b')]);
    expect(Object.fromEntries(lookUps)).toEqual({ a: 1, b: 1 });

    // An older version than the one kept (a publish statement that read it before) drops nothing.
    known.outdated(4);
    known.outdated(5);
    await known.of(db, [input('a')]);
    expect(lookUps.get('a')).toBe(1);
    // A newer one drops all.
    version = 6;
    known.outdated(6);
    expect((await known.of(db, [input('a'), input('b')]))?.version).toBe(6);
    expect(Object.fromEntries(lookUps)).toEqual({ a: 2, b: 2 });
  });

  it('give no routes for a group whose look-ups saw two versions, and keep none read before the newest', async () => {
    const versions = new Map([['a', 7], ['b', 8]]);
    const { db, lookUps } = database((type) => ({ version: versions.get(type) ?? 8, webhooks: [] }));
    const known = new KnownRoutes('postgres');
    expect(await known.of(db, [input('a'), input('b')])).toBeNull();
    // 'a' was kept at 7, then dropped when 'b' brought 8; looked up again it is at 8 too.
    versions.set('a', 8);
    expect(await known.of(db, [input('a'), input('b')])).toEqual({ version: 8, found: [{ routes: [], flows: [], fifo: new Set() }, { routes: [], flows: [], fifo: new Set() }] });
    expect(Object.fromEntries(lookUps)).toEqual({ a: 2, b: 1 });

    // Read at 7 after 8 was seen (another group's statement, side by side): used by its group, not kept.
    versions.set('c', 7);
    expect((await known.of(db, [input('c')]))?.version).toBe(7);
    await known.of(db, [input('c')]);
    expect(lookUps.get('c')).toBe(2);
  });

  it('keep a bounded number of workspaces and types', async () => {
    const { db, lookUps } = database(() => ({ version: 1, webhooks: [1] }));
    const known = new KnownRoutes('postgres');
    for (let i = 0; i <= 4096; i++) await known.of(db, [input(`t${i}`)]);
    await known.of(db, [input('t4096'), input('t0')]);
    expect(lookUps.get('t4096')).toBe(1);
    expect(lookUps.get('t0')).toBe(2);
  });
});
