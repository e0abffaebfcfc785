/**
 * `hookd listen --forward-to http://localhost:3000/hooks`: webhooks to a developer's machine, as `stripe
 * listen` does. hookd opens a session (a temporary webhook); this command holds its event stream (one
 * outgoing connection, through hookd's own port), POSTs each delivery to the local URL with hookd's real
 * signature headers and body, and posts back what the local endpoint answered, which hookd logs as the
 * attempt (a failure is retried like any other). The session ends when the command does, and expires
 * if it dies.
 */
import { createParser } from 'eventsource-parser';
import { Option, type Command } from 'commander';
import { connect, connectionOptions, httpUrl, run, type Connection } from '../connection.ts';
import { commaList } from './given.ts';

/** What the relay hands down the stream for one delivery. */
interface Relayed {
  requestId: number;
  headers: Record<string, string>;
  body: string;
}

const ANSWER_BODY_CAP = 65_536;

export function listenCommand(program: Command): void {
  connectionOptions(program.command('listen').description('forward this workspace\'s webhooks to a local URL (Ctrl-C stops)'))
    .addOption(new Option('--forward-to <url>', 'where each delivery is POSTed, e.g. http://localhost:3000/hooks').makeOptionMandatory())
    .addOption(new Option('--events <list>', 'event types, resource.* or *, comma-separated').default('*'))
    .action(run(async (options) => {
      const hookd = connect(options);
      const forwardTo = httpUrl('--forward-to', options.forwardTo);
      const ws = hookd.workspace();
      const events = commaList(options.events);
      const session = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/listen', { params: { path: { ws } }, body: { events } }));
      process.stderr.write(`Ready: forwarding ${session.events.join(', ')} to ${forwardTo}\n`
        + `Your endpoint's signing secret for this session is ${session.secret}\n`
        + `(session ${session.sessionId}, temporary webhook ${session.webhookId}; Ctrl-C ends it)\n`);

      const stopping = new AbortController();
      const stop = () => stopping.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await follow(hookd, ws, session.sessionId, forwardTo, stopping.signal, Math.max(1000, session.expiresAfterMs / 2));
      } finally {
        await hookd.client.done(hookd.client.api.DELETE('/workspaces/{ws}/listen/{session}', { params: { path: { ws, session: session.sessionId } } })).catch(() => undefined);
        process.stderr.write('session ended\n');
      }
    }));
}

/** Holds the session's stream until `signal`, reconnecting (within the session's grace) when it drops. */
async function follow(hookd: Connection, ws: string, sessionId: string, forwardTo: string, signal: AbortSignal, giveUpAfterMs: number): Promise<void> {
  const url = `${hookd.url.replace(/\/+$/, '')}/workspaces/${encodeURIComponent(ws)}/listen/${encodeURIComponent(sessionId)}/stream`;
  let lostSince: number | null = null;
  while (!signal.aborted) {
    try {
      const response = await fetch(url, { headers: { authorization: `Bearer ${hookd.token}`, accept: 'text/event-stream' }, signal });
      if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}`);
      lostSince = null;
      const parser = createParser({
        onEvent: (message) => {
          if (message.event === 'delivery') void forward(hookd, ws, sessionId, forwardTo, JSON.parse(message.data) as Relayed);
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch (error) {
      if (signal.aborted) return;
      lostSince ??= Date.now();
      if (Date.now() - lostSince > giveUpAfterMs) throw new Error(`lost the connection to hookd: ${(error as Error).message}`);
      process.stderr.write(`connection to hookd lost (${(error as Error).message}); reconnecting…\n`);
    }
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** POSTs one delivery to the local endpoint as hookd sent it, reports its answer back, prints a line. */
async function forward(hookd: Connection, ws: string, sessionId: string, forwardTo: string, relayed: Relayed): Promise<void> {
  const started = performance.now();
  let answer: { status?: number; body?: string; error?: string };
  try {
    const response = await fetch(forwardTo, { method: 'POST', headers: relayed.headers, body: relayed.body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    answer = { status: response.status, body: (await response.text()).slice(0, ANSWER_BODY_CAP) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    answer = { error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
  const ms = Math.round(performance.now() - started);
  let type = '?';
  try {
    type = String((JSON.parse(relayed.body) as { type?: unknown }).type ?? '?');
  } catch {
    // Not JSON: shown as ?
  }
  const outcome = answer.error === undefined ? String(answer.status) : `failed: ${answer.error}`;
  process.stdout.write(`${new Date().toISOString()}  ${type}  ${relayed.headers['webhook-id'] ?? '-'}  ${outcome}  ${ms}ms\n`);
  await hookd.client.done(hookd.client.api.POST('/workspaces/{ws}/listen/{session}/answers', {
    params: { path: { ws, session: sessionId } }, body: { requestId: relayed.requestId, ...answer },
  })).catch((error: unknown) => process.stderr.write(`could not report an answer to hookd: ${(error as Error).message}\n`));
}
