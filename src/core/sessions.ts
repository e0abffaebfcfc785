/**
 * Login sessions (ShipStream's `login` → 32-hex session id, valid 24 h by default). Only the id's hash is
 * stored; a session dies with its expiry, its `endSession`, or its key's revocation.
 */
import type { Auth, Principal } from './auth.ts';
import type { CoreContext } from './context.ts';
import { randomHex, sha256Hex } from './crypto.ts';
import { SessionExpired } from './errors.ts';

/**
 * Live sessions a workspace keeps, newest first; a login past them ends the oldest. A client that logs in
 * for every call makes one each time, and each lives a day: without a bound, a loop of logins grows the
 * store without end.
 */
export const MAX_SESSIONS_PER_WORKSPACE = 10_000;

export class Sessions {
  constructor(private readonly ctx: CoreContext, private readonly auth: Auth) {}

  async login(consumerKey: string | undefined, consumerSecret: string | undefined, client?: string): Promise<string> {
    const { principal, keySeq } = await this.auth.consumerPair(consumerKey, consumerSecret, client);
    const sessionId = randomHex(16);
    const now = this.ctx.now();
    await this.ctx.store.sessions.create(sha256Hex(sessionId), principal.workspace, keySeq, now, now + this.ctx.settings.sessionTtlMs);
    await this.ctx.store.sessions.keepNewest(principal.workspace, MAX_SESSIONS_PER_WORKSPACE);
    void this.ctx.store.sessions.prune(now).catch(() => undefined);
    return sessionId;
  }

  /** `client`: the caller's address; unknown session ids count as failed authentications. */
  async resolve(sessionId: string, client?: string): Promise<Principal> {
    this.auth.admit(client);
    const match = await this.ctx.store.sessions.find(sha256Hex(sessionId));
    if (!match || match.expiresAt <= this.ctx.now()) throw this.auth.failed(client, undefined, new SessionExpired());
    return { kind: 'workspace', workspace: match.workspace, keyId: match.apiKeyId };
  }

  async end(sessionId: string): Promise<boolean> {
    return this.ctx.store.sessions.delete(sha256Hex(sessionId));
  }
}
