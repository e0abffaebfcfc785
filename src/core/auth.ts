/**
 * Who is calling. The admin token may act on every workspace; a workspace API key only on its own,
 * and any other workspace's ids look like they do not exist (404, not 403: nothing leaks).
 */
import { NotFound, Unauthorized } from './errors.ts';
import { safeEqual, sha256Hex, type SecretBox } from './crypto.ts';
import type { Workspace } from './model.ts';
import type { Store } from '../store/store.ts';

export type Principal =
  | { kind: 'admin' }
  | { kind: 'workspace'; workspace: Workspace; keyId: string };

const TOUCH_INTERVAL_MS = 60_000;
/** Keys are looked up once per this long per process; a revocation made elsewhere takes at most this long. */
const CACHE_MS = 5_000;
const CACHE_LIMIT = 10_000;

export class Auth {
  readonly #touched = new Map<number, number>();
  readonly #cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly adminTokenHash: string,
    private readonly now: () => number,
    private readonly box: SecretBox,
  ) {}

  async bearer(token: string | undefined): Promise<Principal> {
    if (!token) throw new Unauthorized('send Authorization: Bearer <token>');
    const hash = sha256Hex(token);
    if (safeEqual(hash, this.adminTokenHash)) return { kind: 'admin' };
    const cached = this.#cache.get(hash);
    if (cached && cached.until > this.now()) return cached.principal;
    const match = await this.store.workspaces.findKeyByHash(hash);
    if (!match) throw new Unauthorized('unknown or revoked token');
    this.touch(match.key.seq);
    const principal: Principal = { kind: 'workspace', workspace: match.workspace, keyId: match.key.id };
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(hash, { principal, until: this.now() + CACHE_MS });
    return principal;
  }

  /** A key was revoked in this process: forget it at once. */
  forget(keyId: string): void {
    for (const [hash, entry] of this.#cache) {
      if (entry.principal.kind === 'workspace' && entry.principal.keyId === keyId) this.#cache.delete(hash);
    }
  }

  /**
   * A workspace key presented as its consumer key/secret pair (WooCommerce, JSON-RPC). Returns the
   * principal and the key's integer id.
   */
  async consumerPair(consumerKey: string | undefined, consumerSecret: string | undefined): Promise<{ principal: Principal & { kind: 'workspace' }; keySeq: number }> {
    if (!consumerKey || !consumerSecret) throw new Unauthorized('consumer key and secret are required');
    const match = await this.store.workspaces.findKeyByConsumerKeyHash(sha256Hex(consumerKey));
    if (!match || !safeEqual(sha256Hex(consumerSecret), match.consumerSecretHash)) throw new Unauthorized('invalid consumer key or secret');
    this.touch(match.key.seq);
    return { principal: { kind: 'workspace', workspace: match.workspace, keyId: match.key.id }, keySeq: match.key.seq };
  }

  /**
   * For signature schemes that need the secret itself (OAuth 1.0a): the key's principal and its
   * consumer secret, decrypted. Unknown key: Unauthorized.
   */
  async consumerSecret(consumerKey: string | undefined): Promise<{ principal: Principal & { kind: 'workspace' }; secret: string }> {
    const match = consumerKey ? await this.store.workspaces.findKeyByConsumerKeyHash(sha256Hex(consumerKey)) : null;
    if (!match) throw new Unauthorized('invalid consumer key');
    this.touch(match.key.seq);
    return { principal: { kind: 'workspace', workspace: match.workspace, keyId: match.key.id }, secret: this.box.decrypt(match.consumerSecretEnc) };
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
