// Importing this first lets the rest of the process import hookd's .ts files (see typescript-hooks.mjs).
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
// Stack traces name the .ts file and line (through the inline source maps).
process.setSourceMapsEnabled(true);
