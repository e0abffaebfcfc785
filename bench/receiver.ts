/**
 * The benchmark's subscriber, run as its own process: a keep-alive HTTP server that answers 200 at once,
 * counts requests and records when each delivery first arrived (wall clock, comparable across processes),
 * keyed "<webhook-id> <path>": Standard Webhooks' webhook-id is the event's id (hookd's and the baseline's),
 * the same on every webhook the event goes to, so the path tells the deliveries of one event apart.
 * GET /__stats → {count}; GET /__count/N answers {count} once N requests have arrived (one waiting request
 * instead of polling, which would take CPU from what is measured); GET /__arrivals → {key: ms}; POST /__reset.
 */
import { createServer, type ServerResponse } from 'node:http';

let count = 0;
let arrivals = new Map<string, number>();
let waiting: Array<{ target: number; res: ServerResponse }> = [];
const now = () => performance.timeOrigin + performance.now();

function answerWaiting(): void {
  waiting = waiting.filter(({ target, res }) => {
    if (count < target) return true;
    res.end(JSON.stringify({ count }));
    return false;
  });
}

const server = createServer((req, res) => {
  if (req.url === '/__stats') return void res.end(JSON.stringify({ count }));
  if (req.url?.startsWith('/__count/')) {
    waiting.push({ target: Number(req.url.slice('/__count/'.length)), res });
    return answerWaiting();
  }
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
    if (waiting.length > 0) answerWaiting();
    const id = req.headers['webhook-id'];
    if (typeof id === 'string') {
      const key = `${id} ${req.url}`;
      if (!arrivals.has(key)) arrivals.set(key, at);
    }
    res.writeHead(200, { 'content-length': '2' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send?.({ port: address.port });
});
