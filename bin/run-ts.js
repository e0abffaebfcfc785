#!/usr/bin/env node
// Runs a TypeScript entry point (the benchmark, a script) from the sources, as `hookd` runs when dist/ is stale.
import './typescript.mjs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(resolve(entry)).href);
