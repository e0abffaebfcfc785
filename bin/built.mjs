/**
 * Whether `dist/` (made by build.mjs) holds hookd built from the sources as they are now. The build lists
 * every source file it bundled with its modification time; one changed, added to an import or deleted
 * means the build is stale, and `hookd` runs from source instead (typescript.mjs) rather than run old code.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
/** The list of sources a build was made from: `{ inputs: { "src/cli.ts": mtimeMs, … } }`. */
export const MANIFEST = 'build.json';

/** The entry module of a fresh build in `outdir` (dist by default), or null: none, or stale. */
export function freshBuild(outdir = join(ROOT, 'dist')) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outdir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
  for (const [path, mtimeMs] of Object.entries(manifest.inputs ?? {})) {
    try {
      if (statSync(join(ROOT, path)).mtimeMs !== mtimeMs) return null;
    } catch {
      return null;
    }
  }
  return join(outdir, 'cli.js');
}
