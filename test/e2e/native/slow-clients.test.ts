/**
 * A client that sends its request slowly (a body or headers trickled a byte at a time) is cut off with
 * 408 once HOOKD_HTTP_REQUEST_TIMEOUT passes, instead of holding its connection for ever.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

/** Writes `head`, then one byte of `rest` every `everyMs`; resolves with what the server said when it closed. */
function trickle(port: number, head: string, rest: string, everyMs: number): Promise<{ answer: string; sentOfRest: number }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < rest.length && !socket.destroyed) socket.write(rest[sent++]);
    }, everyMs);
    socket.on('data', (chunk) => { answer += chunk.toString('latin1'); });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, sentOfRest: sent });
    });
    socket.write(head);
  });
}

describe('slow clients', () => {
  let server: TestHookd;
  let port: number;

  beforeAll(async () => {
    server = await startTestHookd({ httpRequestTimeout: '1s' });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('cuts off a body trickled a byte at a time', async () => {
    const body = '{"name":"slow"}'.padEnd(200, ' ');
    const head = `POST /workspaces HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, sentOfRest } = await trickle(port, head, body, 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // In the envelope of the face the path belongs to.
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ data: null, error: { code: 'REQUEST_TIMEOUT', message: expect.any(String), details: null } });
    expect(sentOfRest).toBeLessThan(body.length);
  });

  it('cuts off headers trickled a byte at a time', async () => {
    const head = `GET /healthz HTTP/1.1\r\nHost: x\r\n${'X-Slow: '.padEnd(200, 'a')}\r\n\r\n`;
    const { answer, sentOfRest } = await trickle(port, head.slice(0, 20), head.slice(20), 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(sentOfRest).toBeLessThan(head.length - 20);
  });

  it('answers a client that sends in time as usual', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
