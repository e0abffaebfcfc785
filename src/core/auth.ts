/**
 * Who is calling. The admin token may act on every workspace; a workspace API key only on its own,
 * and any other workspace's ids look like they do not exist (404, not 403: nothing leaks).
 *
 * Failed authentications are counted per client address and per consumer key (see FailureLimit): past
 * the limit, that address is refused outright, and that key's wrong secrets are answered "too many
 * attempts" (its right secret still works, so nobody can lock a key's owner out by knowing the key).
 */
import { NotFound, TooManyAttempts, Unauthorized } from './errors.ts';
import { safeEqual, sha256Hex, type SecretBox } from './crypto.ts';
import type { AdminToken } from './admin-token.ts';
import { FailureLimit } from './failure-limit.ts';
import type { Workspace } from './model.ts';
import type { Store } from './ports/store.ts';

export type Principal =
  | { kind: 'admin' }
  /** `portal`: a customer portal session (core/ui-sessions.ts), held to the routes a portal may use. */
  | { kind: 'workspace'; workspace: Workspace; keyId: string; portal?: { readOnly: boolean } };

const TOUCH_INTERVAL_MS = 60_000;
/** Keys are looked up once per this long per process; a revocation made elsewhere takes at most this long. */
const CACHE_MS = 5_000;
const CACHE_LIMIT = 10_000;
const FAILURE_WINDOW_MS = 60_000;

export interface AuthOptions {
  /** Failed authentications one client address (or one consumer key) may make per minute. */
  failureLimit: number;
}

export class Auth {
  readonly #touched = new Map<number, number>();
  readonly #cache = new Map<string, { principal: Principal; until: number }>();
  /** Moves on at every revocation: a look-up that began before one must not put its key back in the cache. */
  #revocations = 0;
  readonly #byClient: FailureLimit;
  readonly #byKey: FailureLimit;

  constructor(
    private readonly store: Store,
    private readonly adminToken: AdminToken,
    private readonly now: () => number,
    private readonly box: SecretBox,
    options: AuthOptions = { failureLimit: 30 },
  ) {
    this.#byClient = new FailureLimit(options.failureLimit, FAILURE_WINDOW_MS, now);
    this.#byKey = new FailureLimit(options.failureLimit, FAILURE_WINDOW_MS, now);
  }

  /** `client`: the caller's address, for counting failures (omitted: not counted by address). */
  async bearer(token: string | undefined, client?: string): Promise<Principal> {
    this.admit(client);
    if (!token) throw new Unauthorized('send Authorization: Bearer <token>');
    const hash = sha256Hex(token);
    const admin = await this.adminToken.hash();
    if (admin !== null && safeEqual(hash, admin)) return { kind: 'admin' };
    const cached = this.#cache.get(hash);
    if (cached && cached.until > this.now()) return cached.principal;
    const revocations = this.#revocations;
    const match = await this.store.workspaces.findKeyByHash(hash);
    if (!match) throw this.failed(client, undefined, new Unauthorized('unknown or revoked token'));
    this.touch(match.key.seq);
    const principal: Principal = { kind: 'workspace', workspace: match.workspace, keyId: match.key.id };
    if (revocations === this.#revocations) {
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(hash, { principal, until: this.now() + CACHE_MS });
    }
    return principal;
  }

  /** A key was revoked in this process: forget it at once, and keep look-ups already under way from caching it again. */
  forget(keyId: string): void {
    this.#revocations++;
    for (const [hash, entry] of this.#cache) {
      if (entry.principal.kind === 'workspace' && entry.principal.keyId === keyId) this.#cache.delete(hash);
    }
  }

  /**
   * A workspace key presented as its consumer key/secret pair (WooCommerce, JSON-RPC). Returns the
   * principal and the key's integer id.
   */
  async consumerPair(consumerKey: string | undefined, consumerSecret: string | undefined, client?: string): Promise<{ principal: Principal & { kind: 'workspace' }; keySeq: number }> {
    this.admit(client);
    if (!consumerKey || !consumerSecret) throw this.failed(client, undefined, new Unauthorized('consumer key and secret are required'));
    const match = await this.store.workspaces.findKeyByConsumerKeyHash(sha256Hex(consumerKey));
    if (!match || !safeEqual(sha256Hex(consumerSecret), match.consumerSecretHash)) {
      throw this.failed(client, consumerKey, new Unauthorized('invalid consumer key or secret'));
    }
    this.touch(match.key.seq);
    return { principal: { kind: 'workspace', workspace: match.workspace, keyId: match.key.id }, keySeq: match.key.seq };
  }

  /**
   * For signature schemes that need the secret itself (OAuth 1.0a): the key's principal and its
   * consumer secret, decrypted. Unknown key: Unauthorized. A signature that then fails to verify is
   * reported with `failed`.
   */
  async consumerSecret(consumerKey: string | undefined, client?: string): Promise<{ principal: Principal & { kind: 'workspace' }; secret: string }> {
    this.admit(client);
    const match = consumerKey ? await this.store.workspaces.findKeyByConsumerKeyHash(sha256Hex(consumerKey)) : null;
    if (!match) throw this.failed(client, consumerKey, new Unauthorized('invalid consumer key'));
    this.touch(match.key.seq);
    return { principal: { kind: 'workspace', workspace: match.workspace, keyId: match.key.id }, secret: this.box.decrypt(match.consumerSecretEnc) };
  }

  /** Refuses a client address that failed too often lately. */
  admit(client: string | undefined): void {
    const retry = client === undefined ? 0 : this.#byClient.retryAfterMs(client);
    if (retry > 0) throw new TooManyAttempts(retry);
  }

  /**
   * Counts a failed authentication against the client address and the key it named. Returns the error to
   * throw: `error`, or TooManyAttempts once the address or the key is past its limit.
   */
  failed(client: string | undefined, consumerKey: string | undefined, error: Error): Error {
    if (client !== undefined) this.#byClient.fail(client);
    if (consumerKey) this.#byKey.fail(consumerKey);
    const retry = Math.max(client === undefined ? 0 : this.#byClient.retryAfterMs(client), consumerKey ? this.#byKey.retryAfterMs(consumerKey) : 0);
    return retry > 0 ? new TooManyAttempts(retry) : error;
  }

  /** A one-time value (OAuth nonce) may be used once per key within `windowMs`; false on a replay. */
  useNonce(consumerKey: string, nonce: string, windowMs: number): Promise<boolean> {
    const now = this.now();
    return this.store.nonces.remember(sha256Hex(consumerKey), nonce, now, now - windowMs);
  }

  /** Marks a key as used, at most once a minute, so authentication does not write on every request. */
  touch(keySeq: number): void {
    const now = this.now();
    if ((this.#touched.get(keySeq) ?? 0) > now - TOUCH_INTERVAL_MS) return;
    if (this.#touched.size >= CACHE_LIMIT) this.#touched.clear();
    this.#touched.set(keySeq, now);
    void this.store.workspaces.touchKey(keySeq, now).catch(() => undefined);
  }

  /** The workspace a request names, if this principal may see it. */
  async workspace(principal: Principal, workspaceId: string): Promise<Workspace> {
    if (principal.kind === 'workspace') {
      if (principal.workspace.id !== workspaceId) throw new NotFound('workspace');
      return principal.workspace;
    }
    const workspace = await this.store.workspaces.get(workspaceId);
    if (!workspace) throw new NotFound('workspace');
    return workspace;
  }
}
