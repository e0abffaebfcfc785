/** What every face does with an error it answers with 5xx or a wait: log it as it deserves, and say when to come back. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TooManyAttempts, Unavailable } from '../core/errors.ts';

/** A store outage is expected weather (a warning naming its cause); any other 5xx is a bug (an error, with its stack). */
export function logServerError(request: FastifyRequest, error: unknown, status: number): void {
  if (error instanceof Unavailable) request.log.warn({ cause: (error.cause as Error | undefined)?.message }, error.message);
  else if (status >= 500) request.log.error({ err: error }, 'unhandled error');
}

/** 429 and 503 answers say when to try again. */
export function retryAfterHeader(reply: FastifyReply, error: unknown): void {
  if (error instanceof TooManyAttempts || error instanceof Unavailable) reply.header('retry-after', String(Math.ceil(error.retryAfterMs / 1000)));
}
