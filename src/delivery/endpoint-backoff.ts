/**
 * Endpoints that say "slow down" (429, 502, 503 and 504), and those that cannot be reached at all
 * (connection refused, no route, name not found, connecting timed out: sender.ts, isUnreachable). After
 * such an answer, or no answer, hookd rests the webhook, in this process: no attempt to it starts, and it
 * claims none, until the rest is over. Then one attempt probes it (its concurrency limit has dropped to
 * one, lanes.ts); a success brings back the normal pace (the limit grows by one per success), another
 * such answer rests it twice as long.
 *
 * - With Retry-After (seconds or an HTTP date), the rest lasts until the retry the endpoint asked for,
 *   which the retry policy keeps within the webhook's shortest and longest delays (retry.ts).
 * - Without, it starts at a second and doubles, up to a minute.
 *
 * So a dead endpoint with a thousand deliveries queued gets about one request per rest, not a thousand
 * retries each on its own schedule: the retry storms users of other services report cannot happen. The
 * deliveries that wait meanwhile are due, not failed, and their attempt counts do not grow. Each process
 * rests the endpoint on its own: with N processes, N probes per rest.
 */
const BACK_OFF_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const FIRST_REST_MS = 1000;
const LONGEST_REST_MS = 60_000;
/** Webhooks remembered at most (the oldest forgotten first): a bound whatever the number of endpoints. */
const REMEMBERED = 10_000;

interface Rest {
  /** How many such answers in a row. */
  level: number;
  until: number;
}

export class EndpointBackoff {
  readonly #rests = new Map<number, Rest>();

  /**
   * An attempt's answer: returns until when the webhook rests, or null when the answer is no such signal.
   * `askedUntil`: when the endpoint asked (Retry-After) to be tried again, as the retry policy honours it.
   */
  answered(webhookSeq: number, responseCode: number | null, askedUntil: number | null, now: number, unreachable = false): number | null {
    if (!unreachable && (responseCode === null || !BACK_OFF_STATUSES.has(responseCode))) {
      // Any other answer: it is reachable and says nothing about its pace; a success ends the back-off.
      if (responseCode !== null && responseCode >= 200 && responseCode < 300) this.#rests.delete(webhookSeq);
      return null;
    }
    const level = (this.#rests.get(webhookSeq)?.level ?? 0) + 1;
    const until = Math.max(askedUntil ?? now + Math.min(LONGEST_REST_MS, FIRST_REST_MS * 2 ** (level - 1)), this.#rests.get(webhookSeq)?.until ?? 0);
    this.#rests.delete(webhookSeq);
    if (this.#rests.size >= REMEMBERED) this.#rests.delete(this.#rests.keys().next().value as number);
    this.#rests.set(webhookSeq, { level, until });
    return until;
  }

  /** The webhook was paused, disabled or deleted: when it is back, it is tried at once. */
  forget(webhookSeq: number): void {
    this.#rests.delete(webhookSeq);
  }

  /** Whether the webhook rests at `now`. */
  resting(webhookSeq: number, now: number): boolean {
    return (this.#rests.get(webhookSeq)?.until ?? 0) > now;
  }

  /**
   * The webhooks resting at `now`. Called at every claim, so it forgets rests long over (no signal for a
   * longest rest since): their level would have led to a short rest again anyway.
   */
  restingNow(now: number): number[] {
    const seqs: number[] = [];
    for (const [seq, rest] of this.#rests) {
      if (rest.until > now) seqs.push(seq);
      else if (rest.until < now - LONGEST_REST_MS) this.#rests.delete(seq);
    }
    return seqs;
  }
}
