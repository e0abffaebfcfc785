/**
 * Dependencies point down: the core imports neither the store, the delivery side, the API faces nor the
 * frameworks they use (it owns the ports they implement), and a face never imports the store.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports, resolved to a path under src/ (or the package name). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*from\s+'([^']+)'/g)].map(([, spec]) =>
    (spec.startsWith('.') ? relative(SRC, join(file, '..', spec)) : spec));
}

describe('layers', () => {
  it('keeps the core free of the store, delivery, API faces and their frameworks', () => {
    const forbidden = /^(store|delivery|api|threads)\/|^(fastify|kysely|undici|pg|better-sqlite3|pino)$/;
    const offences = sources(join(SRC, 'core')).flatMap((file) => imports(file).filter((spec) => forbidden.test(spec)).map((spec) => `${relative(SRC, file)} → ${spec}`));
    expect(offences).toEqual([]);
  });

  it('keeps the API faces away from the store', () => {
    const offences = sources(join(SRC, 'api')).flatMap((file) => imports(file).filter((spec) => spec.startsWith('store/')).map((spec) => `${relative(SRC, file)} → ${spec}`));
    expect(offences).toEqual([]);
  });
});
