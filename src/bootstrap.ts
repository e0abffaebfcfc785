/**
 * First-start secrets: the admin token (only its hash is stored; a generated one is printed once) and the
 * key that encrypts signing secrets at rest (generated into the data dir unless given).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';
import { SecretBox } from './core/crypto.ts';
import { isSealed, sealHeaders } from './core/webhook-headers.ts';
// Not from store/open.ts: that would load the whole store into the dispatcher thread, which imports this file.
import { PRIVATE_DIR, PRIVATE_FILE } from './store/private-modes.ts';
import type { Store } from './core/ports/store.ts';

export const ENCRYPTION_KEY_FILE = 'encryption.key';
const KEY_CHECK = 'encryption_key_check';
const HEADERS_SEALED = 'webhook_headers_sealed';

export function loadEncryptionKey(config: Config): Buffer {
  if (config.encryptionKey !== undefined) {
    try {
      return SecretBox.parseKey(config.encryptionKey);
    } catch (error) {
      throw new ConfigError(`HOOKD_ENCRYPTION_KEY ${(error as Error).message}`);
    }
  }
  const file = join(config.dataDir, ENCRYPTION_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true, mode: PRIVATE_DIR });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: PRIVATE_FILE, flag: 'wx' });
  }
  return SecretBox.parseKey(readFileSync(file, 'utf8'));
}

/** Refuses to start with a key that cannot read the secrets already stored. */
export async function checkEncryptionKey(store: Store, box: SecretBox, config: Config): Promise<void> {
  const stored = await store.settings.setIfAbsent(KEY_CHECK, box.encrypt('hookd'));
  try {
    box.decrypt(stored);
  } catch {
    const source = config.encryptionKey !== undefined ? 'HOOKD_ENCRYPTION_KEY' : `${join(config.dataDir, ENCRYPTION_KEY_FILE)} (generated: HOOKD_ENCRYPTION_KEY is not set)`;
    const shared = config.databaseUrl !== undefined
      ? ' Every hookd process on one PostgreSQL database needs the same HOOKD_ENCRYPTION_KEY: set it, to the key of the first process, for all of them.'
      : '';
    throw new ConfigError(`the encryption key from ${source} does not match the one this database was created with.${shared}`);
  }
}

/**
 * Header values stored in clear by a hookd from before they were sealed are sealed now, once: the
 * settings remember that it was done.
 */
export async function sealStoredHeaders(store: Store, box: SecretBox, now: number): Promise<number> {
  if (await store.settings.get(HEADERS_SEALED)) return 0;
  let sealed = 0;
  for (let after = 0; ;) {
    const batch = await store.webhooks.withHeaders(after, 500);
    if (batch.length === 0) break;
    for (const { seq, sealedHeaders } of batch) {
      const plain = Object.entries(sealedHeaders).filter(([, value]) => !isSealed(value, box));
      if (plain.length === 0) continue;
      await store.webhooks.update(seq, { sealedHeaders: { ...sealedHeaders, ...sealHeaders(box, Object.fromEntries(plain)) } }, now);
      sealed++;
    }
    after = batch[batch.length - 1].seq;
  }
  await store.settings.set(HEADERS_SEALED, '1');
  return sealed;
}
