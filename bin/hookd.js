#!/usr/bin/env node
// The `hookd` command: runs the build in dist/ (build.mjs) when it matches the sources, and the
// TypeScript sources as they are otherwise (typescript.mjs), so an edit never runs old code.
import { freshBuild } from './built.mjs';

const built = freshBuild();
if (built) {
  await import(built);
} else {
  await import('./typescript.mjs');
  await import('../src/cli.ts');
}
