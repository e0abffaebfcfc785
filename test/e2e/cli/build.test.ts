/**
 * `npm run build` (bin/build.mjs): the bundle in dist/ that `hookd` runs while it matches the sources.
 * The bundle is built here into a folder of its own and run as a process: it serves the API and the UI,
 * and its dispatcher thread delivers, signed. `freshBuild` says stale as soon as a listed source changes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript modules of the `hookd` command, without type declarations
import { build } from '../../../bin/build.mjs';
// @ts-expect-error: as above
import { freshBuild, MANIFEST, ROOT } from '../../../bin/built.mjs';
import { createWorkspace } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema, type TestSchema } from '../../helpers/postgres.ts';
import { spawnHookd, type HookdProcess } from '../../helpers/process.ts';
import { Receiver } from '../../helpers/receiver.ts';

describe('the build hookd runs from', () => {
  // Inside the package, so that the bundle finds node_modules and package.json as dist/ does.
  const outdir = join(ROOT as string, 'test-results', `build-${process.pid}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-build-'));
  let receiver: Receiver;
  let schema: TestSchema | null = null;
  let hookd: HookdProcess | undefined;

  beforeAll(async () => {
    await build(outdir);
    receiver = await Receiver.start();
    schema = USE_POSTGRES ? await createTestSchema() : null;
  }, 60_000);
  afterAll(async () => {
    hookd?.child.kill('SIGKILL');
    await receiver?.close();
    await schema?.drop();
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the API and the UI, and its dispatcher thread delivers what is published, signed', { timeout: 60_000 }, async () => {
    const script = freshBuild(outdir) as string;
    expect(script).toBe(join(outdir, 'cli.js'));
    hookd = await spawnHookd(dataDir, 'free', schema ? { databaseUrl: schema.url } : {}, ['serve'], { script });
    const ws = await createWorkspace(hookd.api, 'built');
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'orders', url: receiver.url('/built'), events: ['order.created'], active: true });
    expect(created.status, created.text).toBe(201);
    const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 7 } });
    expect(published.status).toBe(202);
    const [request] = await receiver.waitFor(1);
    new StandardWebhook(created.body.data.secret).verify(request.text, request.headers as Record<string, string>);
    expect(JSON.parse(request.text)).toMatchObject({ type: 'order.created', data: { id: 7 } });
    expect(request.headers['user-agent']).toContain(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    // The UI is bundled from ui/src, found from the bundle as from the sources.
    const page = await fetch(`${hookd.api.baseUrl}/ui`);
    expect(page.status).toBe(200);
    const asset = (await page.text()).match(/\/ui\/assets\/[^"]+\.js/)?.[0];
    expect((await fetch(`${hookd.api.baseUrl}${asset}`)).status).toBe(200);
  });

  it('is stale once a source it lists changes or goes, so hookd runs the sources instead', () => {
    const probeDir = join(outdir, 'probe');
    mkdirSync(probeDir, { recursive: true });
    const probe = join(probeDir, 'probe.ts');
    writeFileSync(probe, 'export {};\n');
    const manifestPath = join(outdir, MANIFEST);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.inputs[relative(ROOT, probe)] = statSync(probe).mtimeMs;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(freshBuild(outdir)).toBe(join(outdir, 'cli.js'));
    const later = new Date(statSync(probe).mtimeMs + 5000);
    utimesSync(probe, later, later);
    expect(freshBuild(outdir)).toBeNull();
    rmSync(probe);
    expect(freshBuild(outdir)).toBeNull();
    expect(freshBuild(join(outdir, 'none'))).toBeNull();
  });
});
