/** What the core needs to send an attempt (a test send, WooCommerce's ping): its port, implemented in src/delivery. */
import type { ClaimedDelivery, NewAttempt } from './store.ts';

export interface AttemptSender {
  /** Makes one HTTP attempt of a delivery (or a test send) and reports it, never throwing for HTTP failures. */
  send(delivery: ClaimedDelivery): Promise<NewAttempt>;
  /** WooCommerce's ping to a new webhook (`webhook_id=<id>`, form-encoded, unsigned). */
  ping(webhookSeq: number, url: string): Promise<{ ok: boolean; error: string | null }>;
}
