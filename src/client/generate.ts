/**
 * Writes the client's types (src/client/api.ts) from the OpenAPI document of a hookd started for the
 * purpose (SQLite in a temporary directory, port 0), with openapi-typescript. `npm run generate:client`;
 * test/e2e/native/client.test.ts fails when the committed file differs from what this would write.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import pino from 'pino';
import { startHookd } from '../app.ts';
import { loadConfig } from '../config.ts';

export const CLIENT_TYPES_FILE = fileURLToPath(new URL('./api.ts', import.meta.url));

const HEADER = `/**
 * The native API's paths, parameters, bodies and answers as TypeScript types, generated from hookd's
 * OpenAPI document by openapi-typescript. Do not edit: run \`npm run generate:client\`.
 */
`;

/** The text api.ts must hold for this OpenAPI document. */
export async function clientTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true });
  return HEADER + astToString(ast);
}

/** The OpenAPI document of this hookd, read from a hookd started and stopped for it. */
export async function currentDocument(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'hookd-openapi-'));
  const hookd = await startHookd(loadConfig({}, { dataDir: dir, port: '0', host: '127.0.0.1', adminToken: 'unused', logLevel: 'warn' }), pino({ level: 'warn' }));
  try {
    return await (await fetch(`${hookd.url}/openapi.json`)).json();
  } finally {
    await hookd.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  writeFileSync(CLIENT_TYPES_FILE, await clientTypes(await currentDocument()));
  console.log(`wrote ${CLIENT_TYPES_FILE}`);
}
