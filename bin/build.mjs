#!/usr/bin/env node
/**
 * Bundles hookd's TypeScript into `dist/` (run by `npm install` as `prepare`, and before `npm start` when
 * the sources changed): two entry points, the CLI and the dispatcher thread, with their shared code in
 * chunks beside them; dependencies stay in node_modules. Running from the bundle instead of compiling
 * each module as it loads saves the loader's thread, its esbuild processes and the inline source maps:
 * an idle `hookd serve` held 215 MB plus two esbuild processes of 17–19 MB from source, 177 MB built.
 *
 * `--if-stale`: only when `dist/` is missing or older than a source. `--outdir DIR`: elsewhere (tests).
 * Source maps are written beside the code: `NODE_OPTIONS=--enable-source-maps` makes stack traces name
 * the .ts lines (off by default: parsing them costs memory at every start).
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build as esbuild } from 'esbuild';
import { freshBuild, MANIFEST, ROOT } from './built.mjs';

/** The modules whose own folder must be the bundle's root: they find the thread's entry beside them. */
const AT_ROOT = ['src/threads/dispatcher.ts'];

export async function build(outdir = join(ROOT, 'dist')) {
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli.ts', 'src/threads/dispatcher-thread.ts'],
    outbase: 'src',
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  for (const [output, { inputs }] of Object.entries(result.metafile.outputs)) {
    for (const module of AT_ROOT) {
      if (Object.hasOwn(inputs, module) && resolve(ROOT, dirname(output)) !== staging) {
        throw new Error(`${module} was bundled into ${output}, not at the bundle's root: it would not find the dispatcher thread's entry`);
      }
    }
  }
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) inputs[path] = statSync(join(ROOT, path)).mtimeMs;
  writeFileSync(join(staging, MANIFEST), `${JSON.stringify({ inputs }, null, 1)}\n`);
  // Swapped in whole: a process starting meanwhile finds no build (and runs from source), never half of one.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(dirname(outdir), { recursive: true });
  renameSync(staging, outdir);
  return Object.keys(inputs).length;
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({ options: { 'if-stale': { type: 'boolean' }, outdir: { type: 'string' } } });
  const outdir = values.outdir ? resolve(values.outdir) : join(ROOT, 'dist');
  if (!(values['if-stale'] && freshBuild(outdir))) {
    const started = Date.now();
    const modules = await build(outdir);
    console.error(`hookd built into ${relative(process.cwd(), outdir) || '.'}: ${modules} modules in ${Date.now() - started} ms`);
  }
}
