/** What every native route uses: the typed app, and who is calling and on which workspace. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Principal } from '../../core/auth.ts';
import { Forbidden } from '../../core/errors.ts';
import type { Core } from '../../core/hookd.ts';
import type { Webhook, Workspace } from '../../core/model.ts';

export type NativeApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export class NativeAccess {
  constructor(private readonly core: Core) {}

  principal(request: FastifyRequest): Promise<Principal> {
    return this.core.auth.bearer(bearerToken(request), request.ip);
  }

  async admin(request: FastifyRequest): Promise<void> {
    const principal = await this.principal(request);
    if (principal.kind !== 'admin') throw new Forbidden('this needs the admin token');
  }

  async workspace(request: FastifyRequest, workspaceId: string): Promise<Workspace> {
    return this.core.auth.workspace(await this.principal(request), workspaceId);
  }

  /** The workspace and webhook a `/workspaces/:ws/webhooks/:id…` path names, if this caller may see them, and the caller. */
  async webhook(request: FastifyRequest & { params: { ws: string; id: string } }): Promise<{ workspace: Workspace; webhook: Webhook; principal: Principal }> {
    const principal = await this.principal(request);
    const workspace = await this.core.auth.workspace(principal, request.params.ws);
    return { workspace, webhook: await this.core.webhooks.get(workspace, request.params.id), principal };
  }
}
