/** What every core service is built with: the store, the secret box, the clock, the settings, the ports. */
import type { Store } from './ports/store.ts';
import type { EgressPolicy } from './addresses.ts';
import type { SecretBox } from './crypto.ts';
import type { AttemptSender } from './ports/sender.ts';
import type { WorkFor } from './work-notice.ts';

export interface CoreSettings {
  /** Where deliveries may go (checked on URLs here, and again on the address connected to). */
  egress: EgressPolicy;
  secretRotationGraceMs: number;
  idempotencyWindowMs: number;
  sessionTtlMs: number;
  maxWebhooksPerWorkspace: number;
  /** Failed authentications per minute from one client address, or with one consumer key. */
  authFailureLimit: number;
}

export interface CoreContext {
  store: Store;
  box: SecretBox;
  settings: CoreSettings;
  now: () => number;
  /** Tells dispatchers there is new due work (publish, resume, resend), for `webhooks` if it says (work-notice.ts). */
  wake: (webhooks?: WorkFor) => void;
  /**
   * Tells dispatchers a webhook stopped receiving (paused, disabled, deleted): deliveries they claimed for
   * it but have not started must not go out. Attempts already in flight finish and are recorded.
   */
  stopped: (webhookSeq: number) => void;
  sender: AttemptSender;
}
