/**
 * Whether another hookd process listens on this installation's channel (postgres-signals.ts). A process
 * that publishes wakes its own dispatcher directly (app.ts); its notice of the work is for the others, so
 * when none listens, the notice (a statement, a wake-up of PostgreSQL's listening backend, and the echo
 * this process's own listener reads) is left out. One `serve` process is hookd's usual deployment.
 *
 * Listeners announce themselves on the channel: "hello" when they start listening (again, after a lost
 * connection), "here" every HERE_MS after, and "here" at once in answer to another's hello, so a process
 * that starts learns of the others within a round trip and they learn of it from its hello. Each
 * announcement carries the process's token, so a process does not count its own.
 *
 * Only a process that listens can tell: one that does not (`--api-only`) always notifies.
 */
import { randomBytes } from 'node:crypto';

/** How often a listener says it is there. */
export const HERE_MS = 10_000;
/** How long another process counts as listening after it was last heard: three announcements missed. */
export const HEARD_FOR_MS = 3 * HERE_MS;

export type PeerNotice = { kind: 'hello' | 'here'; token: string };

/** The payload of an announcement. */
export const peerPayload = (notice: PeerNotice): string => `${notice.kind}:${notice.token}`;

/** The announcement a payload holds, or null: it is none. */
export function peerNoticeOf(payload: string | undefined): PeerNotice | null {
  const announced = /^(hello|here):([0-9a-f]{1,64})$/.exec(payload ?? '');
  return announced ? { kind: announced[1] as PeerNotice['kind'], token: announced[2] } : null;
}

export class ListeningPeers {
  /** This process's token, in its own announcements. */
  readonly token = randomBytes(8).toString('hex');
  #heardUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * An announcement read on the channel; true if it is another process's hello (answer it with "here").
   */
  heard(notice: PeerNotice): boolean {
    if (notice.token === this.token) return false;
    this.#heardUntil = this.now() + HEARD_FOR_MS;
    return notice.kind === 'hello';
  }

  /** Whether another process was heard recently enough to count as listening. */
  get present(): boolean {
    return this.now() < this.#heardUntil;
  }
}
