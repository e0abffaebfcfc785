/**
 * First-start secrets: the admin token (only its hash is stored; a generated one is printed once) and the
 * key that encrypts signing secrets at rest (generated into the data dir unless given).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';
import { SecretBox, randomToken, sha256Hex } from './core/crypto.ts';
import type { Store } from './store/store.ts';

export const ENCRYPTION_KEY_FILE = 'encryption.key';
const KEY_CHECK = 'encryption_key_check';
const ADMIN_TOKEN_HASH = 'admin_token_hash';

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
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return SecretBox.parseKey(readFileSync(file, 'utf8'));
}

/** Refuses to start with a key that cannot read the secrets already stored. */
export async function checkEncryptionKey(store: Store, box: SecretBox): Promise<void> {
  const stored = await store.settings.setIfAbsent(KEY_CHECK, box.encrypt('hookd'));
  try {
    box.decrypt(stored);
  } catch {
    throw new ConfigError('the encryption key does not match the one this database was created with (HOOKD_ENCRYPTION_KEY or <data dir>/encryption.key)');
  }
}

/** Returns the admin token's hash, and the token itself when it was generated just now (to print once). */
export async function ensureAdminToken(store: Store, config: Config): Promise<{ hash: string; generated: string | null }> {
  if (config.adminToken !== undefined) return { hash: sha256Hex(config.adminToken), generated: null };
  const candidate = randomToken('hka_', 30);
  const hash = await store.settings.setIfAbsent(ADMIN_TOKEN_HASH, sha256Hex(candidate));
  return { hash, generated: hash === sha256Hex(candidate) ? candidate : null };
}

/** Replaces the stored admin token (CLI: hookd admin-token --rotate). */
export async function rotateAdminToken(store: Store): Promise<string> {
  const token = randomToken('hka_', 30);
  await store.settings.set(ADMIN_TOKEN_HASH, sha256Hex(token));
  return token;
}
