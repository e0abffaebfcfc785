/**
 * Node module hooks that run hookd's TypeScript sources as they are (tests, benchmarks, and `hookd` when
 * dist/ is older than the sources): each `.ts` file is turned into JavaScript by esbuild as it is loaded
 * (types stripped, nothing else changed; imports name their `.ts` files, so Node's own resolution finds
 * them). Registered by typescript.mjs.
 *
 * Why not tsx, which did this before: tsx always compiles with esbuild's keepNames, which wraps every
 * function and closure in a helper that redefines its `name` each time it is created. On hookd's hot
 * paths (a few closures per delivery) that cost about a tenth of the CPU of sending a webhook.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    // For stack traces that name the .ts file and line (typescript.mjs turns source maps on).
    sourcemap: 'inline',
    sourcefile: path,
    // As tsconfig.json says: imports stay exactly as written, `import type` ones go.
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  });
  return { format: 'module', source: code, shortCircuit: true };
}
