/**
 * A workspace's own catalog is bounded (core/catalog-room.ts): it comes whole, so neither the number of
 * types nor their examples and schemas together may grow without end. Past either bound, a new type or
 * a bigger version of one is 409, and the catalog is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CATALOG_CHARACTERS, MAX_EVENT_TYPES_PER_WORKSPACE } from '../../../src/core/catalog-room.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

describe("a workspace's own catalog", () => {
  let server: TestHookd;
  let store: SqlStore;

  beforeAll(async () => {
    server = await startTestHookd();
    store = server.hookd.store as SqlStore;
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** `n` types of the workspace, written directly, each with an example of `exampleCharacters` (about). */
  async function insertTypes(workspaceId: string, n: number, exampleCharacters: number): Promise<void> {
    const workspace = (await store.workspaces.get(workspaceId))!;
    const example = JSON.stringify({ text: 'x'.repeat(Math.max(0, exampleCharacters - 11)) });
    for (let start = 0; start < n; start += 200) {
      await store.db.insertInto('event_types').values(Array.from({ length: Math.min(200, n - start) }, (_, i) => ({
        workspace_id: workspace.seq, name: `bulk.type_${start + i}`, title: 't', category: 'bulk', description: '', example, created_at: Date.now(), schema: null,
      }))).execute();
    }
  }

  const catalogSize = async (ws: Awaited<ReturnType<typeof createWorkspace>>) => (expectData(await ws.api.get(`/workspaces/${ws.id}/event-types`), 200) as unknown[]).length;

  it(`takes at most ${MAX_EVENT_TYPES_PER_WORKSPACE} types`, async () => {
    const ws = await createWorkspace(server.api, 'many-types');
    await insertTypes(ws.id, MAX_EVENT_TYPES_PER_WORKSPACE - 1, 20);
    expectData(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'last.fits' }), 201);
    const before = await catalogSize(ws);
    const refused = await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'one.more' });
    expectError(refused, 409, 'CONFLICT');
    expect(refused.body.error.message).toContain(`${MAX_EVENT_TYPES_PER_WORKSPACE} event types`);
    expect(await catalogSize(ws)).toBe(before);
    // Changing one that exists is no new type.
    expectData(await ws.api.patch(`/workspaces/${ws.id}/event-types/last.fits`, { title: 'Still fits' }), 200);
    // Deleting one makes room.
    expect((await ws.api.delete(`/workspaces/${ws.id}/event-types/last.fits`)).status).toBe(204);
    expectData(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'one.more' }), 201);
  });

  it('holds examples and schemas together to a bound: a new type or a bigger example past it is 409', async () => {
    const ws = await createWorkspace(server.api, 'big-types');
    const big = 60 * 1024;
    // Just under the bound: a type of 60 KiB more does not fit, a small one does.
    await insertTypes(ws.id, Math.floor(MAX_CATALOG_CHARACTERS / big), big);
    const example = { text: 'y'.repeat(big) };
    expectError(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'too.big', example }), 409, 'CONFLICT');
    expectData(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'small.one', example: { a: 1 } }), 201);
    expectError(await ws.api.patch(`/workspaces/${ws.id}/event-types/small.one`, { example }), 409, 'CONFLICT');
    const catalog = expectData(await ws.api.get(`/workspaces/${ws.id}/event-types`), 200) as Array<{ name: string; example: unknown }>;
    expect(catalog.find((type) => type.name === 'small.one')?.example).toEqual({ a: 1 });
    // Made smaller, a type always fits.
    expectData(await ws.api.patch(`/workspaces/${ws.id}/event-types/bulk.type_0`, { example: { b: 2 } }), 200);
  });
});
