/**
 * Requests refused at the HTTP level, before Fastify routes them: a method Node's parser does not know,
 * a malformed request, headers too large, a request too slow to arrive (HOOKD_HTTP_REQUEST_TIMEOUT), and
 * CONNECT. Each is answered on the socket, in the shape of the face its path belongs to, and closed.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { faceOf, httpStatus, isAbsolute, pathOf, refusalBody } from './faces.ts';
import type { RouteMethods } from './route-methods.ts';

const MESSAGES = new Map<number, string>([
  [400, 'the request is not valid HTTP'],
  [404, 'no route for this path'],
  [405, 'this method is not allowed here (see the Allow header)'],
  [408, 'the request did not arrive in time'],
  [431, 'the request headers are too large'],
]);

/**
 * Writes a complete answer and closes the connection. `method`: the request's, as far as it is known;
 * `allow`: the methods for an Allow header (405).
 */
export function writeRefusal(socket: Duplex, status: number, path: string, method: string | undefined, allow: string[] = []): void {
  if (socket.destroyed || !socket.writable) return;
  const face = faceOf(path);
  const body = refusalBody(face, status, MESSAGES.get(status) ?? 'the request was refused');
  const allowLine = status === 405 ? `Allow: ${allow.join(', ')}\r\n` : '';
  const sent = httpStatus(face, status, method);
  socket.end(`HTTP/1.1 ${sent} ${STATUS_CODES[sent]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${allowLine}Connection: close\r\n\r\n${body}`);
}

/** The path a raw request line names: origin form (`/x`), or the path of an absolute form (`http://host/x`). */
export function requestPath(requestLine: string): string {
  const target = requestLine.split(' ').find((token) => token.startsWith('/') || isAbsolute(token));
  return target === undefined ? '/' : pathOf(target);
}

/** Fastify's clientErrorHandler: Node's parser refused what arrived on `socket`. */
export function refuseUnparsed(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex, routes: RouteMethods): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The request line, as far as it came: `METHOD /path HTTP/1.1` (or worse).
  const requestLine = (error.rawPacket?.subarray(0, 8192).toString('latin1') ?? '').split(/\r?\n/)[0];
  const path = requestPath(requestLine);
  const method = requestLine.split(' ')[0];
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return writeRefusal(socket, 408, path, method);
    case 'HPE_HEADER_OVERFLOW':
      return writeRefusal(socket, 431, path, method);
    case 'HPE_INVALID_METHOD': {
      const allow = routes.allowed(path);
      return writeRefusal(socket, allow.length > 0 ? 405 : 404, path, method, allow);
    }
    default:
      return writeRefusal(socket, 400, path, method);
  }
}
