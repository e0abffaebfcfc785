/**
 * hookd's own folder (where package.json is), for the files hookd reads beside its code. Found by walking
 * up from this module, since it runs both from `src/` and bundled in `dist/` (bin/build.mjs), where its
 * code may sit at another depth.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

export const PACKAGE_ROOT: string = findPackageRoot();
