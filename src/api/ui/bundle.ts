/**
 * The web UI's script and stylesheet, bundled from ui/src by esbuild (already hookd's TypeScript loader)
 * the first time a page asks for them, and kept in memory: no build step for users, nothing from a CDN.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../../package-root.ts';

export interface UiAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const ENTRY = join(PACKAGE_ROOT, 'ui/src/main.ts');

let bundled: Promise<ReadonlyMap<string, UiAsset>> | null = null;

export function uiAssets(): Promise<ReadonlyMap<string, UiAsset>> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = null;
    throw error;
  });
  return bundled;
}

async function bundle(): Promise<ReadonlyMap<string, UiAsset>> {
  const result = await build({
    entryPoints: { app: ENTRY },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: '/ui-assets',
    logLevel: 'silent',
    legalComments: 'none',
  });
  const assets = new Map<string, UiAsset>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const body = Buffer.from(file.contents);
    const contentType = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    assets.set(name, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return assets;
}
