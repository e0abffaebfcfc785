/** A real HTTP endpoint that never answers, and counts the requests it holds open at once. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export class HangingEndpoint {
  received = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** Requests whose connection hookd closed (it gave up on them). */
  abandoned = 0;
  readonly server: Server;
  readonly sockets = new Set<Socket>();
  port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      this.received++;
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      req.resume();
      res.on('close', () => {
        this.inFlight--;
        this.abandoned++;
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  url(path = '/hang'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }
}
