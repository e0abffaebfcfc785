/**
 * The operator's admin token, as each process knows it. Either fixed by HOOKD_ADMIN_TOKEN, or the one
 * stored (only its hash): that one is read again every few seconds, so `hookd admin-token` replaces it
 * on every running server, not only on the next start.
 */
import type { SettingsRepo } from './ports/store.ts';
import { randomToken, sha256Hex } from './crypto.ts';

/** Where the stored token's hash lives in the settings. */
export const ADMIN_TOKEN_SETTING = 'admin_token_hash';
/** How long a running process may keep accepting a token that was just replaced. */
export const ADMIN_TOKEN_REFRESH_MS = 5_000;

export const newAdminToken = (): string => randomToken('hka_', 30);

export class AdminToken {
  #hash: string | null;
  #readAt: number;
  /** The read under way, shared by every request that finds the hash too old. */
  #reading: Promise<string | null> | null = null;

  private constructor(private readonly settings: SettingsRepo | null, hash: string | null, private readonly now: () => number) {
    this.#hash = hash;
    this.#readAt = now();
  }

  /** The token given in the configuration: never read from the store. */
  static fixed(token: string): AdminToken {
    return new AdminToken(null, sha256Hex(token), Date.now);
  }

  /** The stored token (none yet: null until one is stored). */
  static async stored(settings: SettingsRepo, now: () => number = Date.now): Promise<AdminToken> {
    return new AdminToken(settings, await settings.get(ADMIN_TOKEN_SETTING), now);
  }

  /** Whether a token exists (one that was configured, or stored). */
  get exists(): boolean {
    return this.#hash !== null;
  }

  /**
   * The current hash. Once the one in hand is older than ADMIN_TOKEN_REFRESH_MS it is read again before
   * it is used: a token replaced by `hookd admin-token` stops working within that time, and its
   * successor works from then on. If the store cannot be read, the hash in hand is kept.
   */
  async hash(): Promise<string | null> {
    const settings = this.settings;
    if (!settings || this.now() - this.#readAt < ADMIN_TOKEN_REFRESH_MS) return this.#hash;
    this.#reading ??= settings.get(ADMIN_TOKEN_SETTING).then((hash) => {
      this.#hash = hash;
      this.#readAt = this.now();
      return hash;
    }, () => this.#hash).finally(() => { this.#reading = null; });
    return this.#reading;
  }

  /**
   * Stores `token` as the admin token unless another process stored one first; returns whether this one
   * is now the token (and should be shown to the operator).
   */
  async adopt(token: string): Promise<boolean> {
    if (!this.settings) return false;
    const hash = sha256Hex(token);
    const stored = await this.settings.setIfAbsent(ADMIN_TOKEN_SETTING, hash);
    this.#hash = stored;
    this.#readAt = this.now();
    return stored === hash;
  }
}

/** Replaces the stored admin token with a new one and returns it (CLI: hookd admin-token). */
export async function rotateAdminToken(settings: SettingsRepo): Promise<string> {
  const token = newAdminToken();
  await settings.set(ADMIN_TOKEN_SETTING, sha256Hex(token));
  return token;
}
