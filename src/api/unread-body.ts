/**
 * A request refused before any route reads its body (no route, a method the path does not take, an
 * expectation hookd does not meet) may
 * still be uploading. Answering at once and closing made the client's upload fail (EPIPE) instead of
 * reading the answer. So the body is received and thrown away first, up to the body limit (past it the
 * answer goes out and the connection is not kept); a client that stops sending is cut off by the
 * request timeout like any other.
 */
import type { IncomingMessage } from 'node:http';

/** Fastify's body limit for every route (server.ts). */
export const BODY_LIMIT = 1024 * 1024;

export function discardBody(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const done = () => {
      raw.off('data', counted);
      raw.off('end', done);
      raw.off('close', done);
      raw.off('error', done);
      resolve();
    };
    const counted = (chunk: Buffer) => {
      received += chunk.length;
      if (received > BODY_LIMIT) done();
    };
    raw.on('data', counted);
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    // Flowing: what arrives after `done` is thrown away too.
    raw.resume();
  });
}
