#!/usr/bin/env node
// The `hookd` command: loads the TypeScript CLI as it is (no build step needed).
import './typescript.mjs';

await import('../src/cli.ts');
