/** Workspaces and their API keys. A key is shown once, at creation; only hashes (and, for OAuth, an encrypted secret) are kept. */
import { NotFound } from './errors.ts';
import { randomHex, randomToken, sha256Hex } from './crypto.ts';
import type { ApiKey, Page, PageRequest, Workspace } from './model.ts';
import type { CoreContext } from './context.ts';
import { validateText } from './validation.ts';
import { parsePortalSettings, validatePortalSettings, type PortalSettings } from './portal-settings.ts';

export interface IssuedApiKey {
  apiKey: ApiKey;
  /** The bearer token for the native API. */
  key: string;
  /** The same credential as a WooCommerce / JSON-RPC key pair. */
  consumerKey: string;
  consumerSecret: string;
}

export class Workspaces {
  constructor(private readonly ctx: CoreContext, private readonly onRevoked: (keyId: string) => void = () => undefined) {}

  create(input: { name: string }): Promise<Workspace> {
    return this.ctx.store.workspaces.create(validateText(input.name, 'name', 200), this.ctx.now());
  }

  list(page: PageRequest): Promise<Page<Workspace>> {
    return this.ctx.store.workspaces.list(page);
  }

  async portalSettings(workspace: Workspace): Promise<PortalSettings> {
    return parsePortalSettings(await this.ctx.store.workspaces.portalSettings(workspace));
  }

  /** The origins that may frame a workspace's portal page; none for a workspace that does not exist. */
  async portalFrameAncestors(id: string): Promise<string[]> {
    const workspace = await this.ctx.store.workspaces.get(id);
    return workspace ? (await this.portalSettings(workspace)).frameAncestors : [];
  }

  async setPortalSettings(workspace: Workspace, input: Partial<PortalSettings>): Promise<PortalSettings> {
    const settings = validatePortalSettings(input);
    await this.ctx.store.workspaces.setPortalSettings(workspace, JSON.stringify(settings));
    return settings;
  }

  async rename(workspace: Workspace, name: string): Promise<Workspace> {
    const renamed = await this.ctx.store.workspaces.rename(workspace, validateText(name, 'name', 200));
    if (!renamed) throw new NotFound('workspace');
    return renamed;
  }

  /**
   * Deletes the workspace: at once, its keys stop working on every face (in this process; others within
   * their key cache's 5 s) and its webhooks get nothing more; then every row of it is removed.
   */
  async delete(workspace: Workspace): Promise<void> {
    const marked = await this.ctx.store.workspaces.markDeleted(workspace, this.ctx.now());
    if (!marked) throw new NotFound('workspace');
    for (const keyId of marked.keyIds) this.onRevoked(keyId);
    for (const webhookSeq of marked.webhookSeqs) this.ctx.stopped(webhookSeq);
    await this.ctx.store.workspaces.purge(workspace.seq);
  }

  /** Removes what deletions cut short by a stop left behind. Returns how many workspaces it finished. */
  async finishDeletions(): Promise<number> {
    const deleted = await this.ctx.store.workspaces.deleted();
    for (const workspaceSeq of deleted) await this.ctx.store.workspaces.purge(workspaceSeq);
    return deleted.length;
  }

  async issueKey(workspace: Workspace, input: { name?: string }): Promise<IssuedApiKey> {
    const name = input.name === undefined ? 'API key' : validateText(input.name, 'name', 200);
    const key = randomToken('hk_', 30);
    const consumerKey = `ck_${randomHex(20)}`;
    const consumerSecret = `cs_${randomHex(20)}`;
    const apiKey = await this.ctx.store.workspaces.createKey({
      workspace,
      name,
      prefix: key.slice(0, 10),
      keyHash: sha256Hex(key),
      consumerKeyHash: sha256Hex(consumerKey),
      consumerKeyEnd: consumerKey.slice(-7),
      consumerSecretHash: sha256Hex(consumerSecret),
      consumerSecretEnc: this.ctx.box.encrypt(consumerSecret),
      now: this.ctx.now(),
    });
    return { apiKey, key, consumerKey, consumerSecret };
  }

  listKeys(workspace: Workspace): Promise<ApiKey[]> {
    return this.ctx.store.workspaces.listKeys(workspace);
  }

  async revokeKey(workspace: Workspace, keyId: string): Promise<void> {
    if (!(await this.ctx.store.workspaces.revokeKey(workspace, keyId, this.ctx.now()))) throw new NotFound('api_key');
    this.onRevoked(keyId);
  }
}
