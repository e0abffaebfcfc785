/**
 * The benchmark's subscriber, run as its own process: a keep-alive HTTP server that answers 200 at once,
 * counts requests and records when each webhook-id arrived (wall clock, comparable across processes).
 * GET /__stats → {count}; GET /__arrivals → {id: ms}; POST /__reset.
 */
import { createServer } from 'node:http';

let count = 0;
let arrivals = new Map<string, number>();
const now = () => performance.timeOrigin + performance.now();

const server = createServer((req, res) => {
  if (req.url === '/__stats') return void res.end(JSON.stringify({ count }));
  if (req.url === '/__arrivals') return void res.end(JSON.stringify(Object.fromEntries(arrivals)));
  if (req.url === '/__reset') {
    count = 0;
    arrivals = new Map();
    return void res.end('{}');
  }
  const at = now();
  req.resume();
  req.on('end', () => {
    count++;
    const id = req.headers['webhook-id'];
    if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, at);
    res.writeHead(200, { 'content-length': '2' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send?.({ port: address.port });
});
