/**
 * The native API's wire envelope, as UP42 shapes it: `{"data": …, "error": null}` or
 * `{"data": null, "error": {"code", "message", "details"}}`, where details names the offending field.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, UnknownEvent } from '../../core/errors.ts';
import { logServerError, retryAfterHeader } from '../server-errors.ts';
import { describeValidation } from '../validation.ts';

export interface NativeError {
  code: string;
  message: string;
  details: { field: string } | null;
}

export const ok = <T>(data: T) => ({ data, error: null });

const KIND_TO_HTTP: Record<DomainError['kind'], [number, string]> = {
  not_found: [404, 'RESOURCE_NOT_FOUND'],
  invalid: [400, 'VALIDATION_ERROR'],
  unprocessable: [422, 'SCHEMA_MISMATCH'],
  conflict: [409, 'CONFLICT'],
  unauthorized: [401, 'UNAUTHORIZED'],
  forbidden: [403, 'FORBIDDEN'],
  too_large: [413, 'PAYLOAD_TOO_LARGE'],
  rate_limited: [429, 'TOO_MANY_REQUESTS'],
  unavailable: [503, 'SERVICE_UNAVAILABLE'],
};

/** Fastify's own 4xx errors (bad JSON, wrong content type, too large), by their codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

export function toNativeError(error: unknown): { status: number; error: NativeError } {
  if (error instanceof DomainError) {
    const [status, code] = KIND_TO_HTTP[error.kind];
    const message = error instanceof UnknownEvent ? `${error.message}: see GET /webhooks/events (a workspace may add its own event types)` : error.message;
    return { status, error: { code, message, details: error.field ? { field: error.field } : null } };
  }
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    const problem = describeValidation(fastifyError.validation as never, fastifyError.validationContext);
    return { status: 400, error: { code: 'VALIDATION_ERROR', message: problem.message, details: { field: problem.field } } };
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = FASTIFY_CODES[fastifyError.code] ?? (status === 404 ? 'RESOURCE_NOT_FOUND' : 'BAD_REQUEST');
    const message = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'the body is not valid JSON' : fastifyError.message;
    return { status, error: { code, message, details: null } };
  }
  return { status: 500, error: { code: 'INTERNAL_ERROR', message: 'an unexpected error occurred; it has been logged', details: null } };
}

export function sendNativeError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, error: body } = toNativeError(error);
  logServerError(request, error, status);
  retryAfterHeader(reply, error);
  return reply.status(status).send({ data: null, error: body });
}
