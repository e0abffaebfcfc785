/**
 * A receiver that answers `410 Gone` says its endpoint is gone for good, and Standard Webhooks asks the
 * sender to stop: the webhook is disabled at once, whatever its failure count and whatever its disable rule
 * (WooCommerce itself has no such rule; hookd applies it to WooCommerce-format webhooks too). Its queued
 * deliveries are held as for any disable, and go out if it is set active again.
 */
import type { AttemptOutcome } from './ports/store.ts';

export const GONE_STATUS = 410;
export const GONE_REASON = 'the endpoint answered 410 Gone';

/**
 * The webhooks (by key, ascending) whose attempts in `outcomes` (in the order they finished) include a
 * 410 not followed by a success: an endpoint that answered 2xx afterwards is evidently not gone.
 */
export function goneWebhooks(outcomes: ReadonlyArray<Pick<AttemptOutcome, 'webhookSeq'> & { attempt: Pick<AttemptOutcome['attempt'], 'success' | 'responseCode'> }>): number[] {
  const gone = new Map<number, boolean>();
  for (const { webhookSeq, attempt } of outcomes) {
    if (attempt.success) gone.set(webhookSeq, false);
    else if (attempt.responseCode === GONE_STATUS) gone.set(webhookSeq, true);
  }
  return [...gone].filter(([, isGone]) => isGone).map(([seq]) => seq).sort((a, b) => a - b);
}
