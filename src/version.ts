import { readFileSync } from 'node:fs';

/** hookd's version, from package.json (sent in the user agent). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
