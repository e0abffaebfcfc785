/**
 * JSON-RPC errors in ShipStream's numbering: application faults go out as -(32000 + code); protocol faults
 * use JSON-RPC's own codes. Every one is answered with HTTP 200 (JSON-RPC clients treat other statuses as
 * transport failures).
 */
import { JSONRPCErrorException } from 'json-rpc-2.0';
import { DomainError, SessionExpired, UnknownEvent } from '../../core/errors.ts';
import { toColonTopic } from '../../core/topics.ts';

export const PROTOCOL = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
} as const;

/** ShipStream's application error codes (sent as -(32000 + code)). */
export const SHIPSTREAM = {
  accessDenied: { code: 2, message: 'Access denied.' },
  invalidApiPath: { code: 3, message: 'Invalid api path.' },
  resourcePathNotCallable: { code: 4, message: 'Resource path is not callable.' },
  sessionExpired: { code: 5, message: 'Session expired. Try to relogin.' },
  missingParameter: { code: 6, message: 'Required parameter is missing.' },
  updateStatusFailed: { code: 100, message: 'Webhook status could not be updated.' },
  invalidData: { code: 101, message: 'Invalid data given.' },
  unexpectedError: { code: 102, message: 'Unexpected error.' },
  webhookNotExists: { code: 103, message: 'Webhook not exists.' },
  deleteFailed: { code: 104, message: 'Webhook could not be deleted.' },
  notCreated: { code: 106, message: 'Webhook was not created.' },
} as const;

export const shipstreamError = (error: (typeof SHIPSTREAM)[keyof typeof SHIPSTREAM], detail?: string, data?: unknown) =>
  new JSONRPCErrorException(detail ? `${error.message} ${detail}` : error.message, -(32000 + error.code), data);

export const invalidParams = (message: string) => new JSONRPCErrorException(`Invalid params: ${message}`, PROTOCOL.invalidParams);

/** The core's field names as ShipStream's webhook calls them (`headers.X-Shop` → `extra_headers.X-Shop`). */
const FIELD_NAMES = new Map([['events', 'topics'], ['headers', 'extra_headers'], ['secret', 'secret_key'], ['status', 'is_active']]);

function wireField(field: string): string {
  const dot = field.indexOf('.');
  const head = dot < 0 ? field : field.slice(0, dot);
  const renamed = FIELD_NAMES.get(head);
  return renamed === undefined ? field : `${renamed}${dot < 0 ? '' : field.slice(dot)}`;
}

/** Core errors in ShipStream's terms. Anything else is a bug: reported as an internal error. */
export function toJsonRpcError(error: unknown): JSONRPCErrorException | null {
  if (error instanceof JSONRPCErrorException) return error;
  if (error instanceof SessionExpired) return shipstreamError(SHIPSTREAM.sessionExpired);
  if (!(error instanceof DomainError)) return null;
  switch (error.kind) {
    case 'unauthorized':
    case 'forbidden':
    case 'rate_limited':
      return shipstreamError(SHIPSTREAM.accessDenied, error.message);
    case 'not_found':
      return shipstreamError(SHIPSTREAM.webhookNotExists);
    case 'invalid':
    case 'unprocessable':
    case 'conflict':
    case 'too_large': {
      // ShipStream's own words: topics are `resource:event`.
      const message = error instanceof UnknownEvent
        ? (error.isPattern ? `Topic pattern "${toColonTopic(error.eventName)}" matches no topic.` : `Unknown topic "${toColonTopic(error.eventName)}".`)
        : error.message;
      return shipstreamError(SHIPSTREAM.invalidData, message, error.field ? { field: wireField(error.field) } : undefined);
    }
    case 'unavailable':
      return shipstreamError(SHIPSTREAM.unexpectedError, error.message);
  }
}
