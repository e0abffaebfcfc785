/**
 * A batch of successes recorded on PostgreSQL in one statement (store/sql/one-statement-record.ts): the
 * deliveries move on, their attempts are logged in the batch's order and the webhook's success time moves,
 * with no transaction around it. A batch whose webhook was failing, or that holds a failure, takes the
 * general path's transaction, and is recorded once, as before.
 *
 * The store under test is a second one over the same schema, whose statements are logged.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { AttemptOutcome, DisablePolicy } from '../../../src/core/ports/store.ts';
import type { Database } from '../../../src/store/schema.ts';
import { SqlStore } from '../../../src/store/sql/index.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';
const policy: DisablePolicy = { standard: { failures: 1_000, afterMs: 86_400_000 }, woocommerce: { failures: 1_000 } };

describe.skipIf(!USE_POSTGRES)(`recording a batch of successes (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let workspace: Workspace;
  let webhook: Webhook;
  let logged: SqlStore;
  const statements: string[] = [];

  beforeAll(async () => {
    running = await startApiRoleHookd('one-statement-record');
    hookd = running.hookd;
    workspace = await hookd.core.workspaces.create({ name: 'record' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'w', url: 'http://127.0.0.1:9/w', events: ['order.created'], status: 'active' });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: running.config.databaseUrl, max: 2 }) }),
      log: (event) => {
        statements.push(event.query.sql.trim().toLowerCase());
      },
    });
    logged = new SqlStore(db, 'postgres');
  });

  afterAll(async () => {
    await logged?.close();
    await running?.stop();
  });

  beforeEach(async () => {
    await sql`UPDATE webhooks SET failure_count = 0, failing_since = NULL, failing_notified_at = NULL, last_success_at = NULL WHERE id = ${webhook.seq}`.execute(running.store.db);
  });

  /** Three new deliveries being sent (as a claim leaves them); their ids, in order. */
  async function sending(): Promise<number[]> {
    for (let i = 0; i < 3; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i } });
    const { rows } = await sql<{ id: string }>`UPDATE deliveries SET status = 'sending', next_attempt_at = ${Date.now() + 60_000}
      WHERE webhook_id = ${webhook.seq} AND status = 'pending' RETURNING id`.execute(running.store.db);
    return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  }

  /** The outcome of one attempt of `deliverySeq`, finished at `at`. */
  function outcome(deliverySeq: number, at: number, success: boolean): AttemptOutcome {
    return {
      deliverySeq, webhookSeq: webhook.seq, fifo: false,
      next: success ? { status: 'succeeded', at: null } : { status: 'pending', at: at + 60_000 },
      attempt: {
        deliverySeq, webhookSeq: webhook.seq, workspaceSeq: webhook.workspaceSeq, eventType: 'order.created', trigger: 'scheduled', success,
        requestUrl: webhook.url, requestHeadersJson: '{}', requestBody: `{"n":${deliverySeq}}`,
        responseCode: success ? 200 : 500, responseMessage: success ? 'OK' : 'Internal Server Error', responseHeadersJson: '{}',
        responseBody: '', durationMs: 1, error: null, createdAt: at,
      },
    };
  }

  const deliveries = async (ids: number[]) => (await sql<{ status: string; attempt_count: number }>`SELECT status, attempt_count
    FROM deliveries WHERE id = ANY(${ids}) ORDER BY id`.execute(running.store.db)).rows;
  /** The attempts logged for `ids`, in the order they were logged. */
  const attempts = async (ids: number[]) => (await sql<{ delivery_id: string; success: number }>`SELECT delivery_id, success
    FROM attempts WHERE delivery_id = ANY(${ids}) ORDER BY id`.execute(running.store.db)).rows.map((row) => Number(row.delivery_id));
  const health = async () => (await sql<{ failure_count: number; failing_since: string | null; last_success_at: string | null }>`SELECT
    failure_count, failing_since, last_success_at FROM webhooks WHERE id = ${webhook.seq}`.execute(running.store.db)).rows[0];

  it('moves the deliveries on, logs their attempts in the order they finished, and marks the webhook healthy, in one statement', async () => {
    const ids = await sending();
    const at = Date.now();
    // Finished in another order than the ids': the log follows the batch.
    const batch = [outcome(ids[2], at, true), outcome(ids[0], at + 1, true), outcome(ids[1], at + 2, true)];
    statements.length = 0;
    await logged.dispatch.record(batch, policy, at + 3);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/^begin/);
    expect(await deliveries(ids)).toEqual(ids.map(() => ({ status: 'succeeded', attempt_count: 1 })));
    expect(await attempts(ids)).toEqual([ids[2], ids[0], ids[1]]);
    expect(Number((await health()).last_success_at)).toBe(at + 2);
  });

  it('leaves a delivery no longer being sent as it is, unlogged', async () => {
    const ids = await sending();
    await sql`UPDATE deliveries SET status = 'pending' WHERE id = ${ids[1]}`.execute(running.store.db);
    const at = Date.now();
    statements.length = 0;
    await logged.dispatch.record(ids.map((id) => outcome(id, at, true)), policy, at);
    expect(statements).toHaveLength(1);
    expect((await deliveries(ids)).map((row) => row.status)).toEqual(['succeeded', 'pending', 'succeeded']);
    expect(await attempts(ids)).toEqual([ids[0], ids[2]]);
  });

  it('records a success that ends a failure streak in a transaction, once', async () => {
    const ids = await sending();
    const at = Date.now();
    await sql`UPDATE webhooks SET failure_count = 4, failing_since = ${at - 60_000}, failing_notified_at = ${at - 30_000} WHERE id = ${webhook.seq}`.execute(running.store.db);
    statements.length = 0;
    await logged.dispatch.record(ids.map((id) => outcome(id, at, true)), policy, at);
    // The one statement found the webhook failing and wrote nothing; the transaction recorded the batch.
    expect(statements[1]).toBe('begin');
    expect(await deliveries(ids)).toEqual(ids.map(() => ({ status: 'succeeded', attempt_count: 1 })));
    expect(await attempts(ids)).toEqual(ids);
    const healed = await health();
    expect([healed.failure_count, healed.failing_since, Number(healed.last_success_at)]).toEqual([0, null, at]);
  });

  it('records a batch holding a failure in a transaction', async () => {
    const ids = await sending();
    const at = Date.now();
    statements.length = 0;
    await logged.dispatch.record([outcome(ids[0], at, true), outcome(ids[1], at + 1, true), outcome(ids[2], at + 2, false)], policy, at + 3);
    expect(statements[0]).toBe('begin');
    expect((await deliveries(ids)).map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'pending']);
    expect(await attempts(ids)).toEqual(ids);
    expect((await health()).failure_count).toBe(1);
  });

  it('logs every text of an attempt as it was, in one statement and in the transaction, a lone surrogate as U+FFFD', async () => {
    // The three new ones (a delivery an earlier test left pending is being sent too, with attempts of its own).
    const ids = (await sending()).slice(-3);
    const at = Date.now();
    const odd = 'quote " backslash \\ {brace,comma} NULL newline\n tab\t é 😀 \u0001';
    const texts = (attempt: AttemptOutcome['attempt'], mark: string) => Object.assign(attempt, {
      requestHeadersJson: JSON.stringify({ 'x-odd': odd }), requestBody: `${odd} ${mark}`, responseMessage: `${odd} ${mark}`,
      responseHeadersJson: JSON.stringify({ 'x-lone': 'a\ud800b' }), responseBody: `${odd} lone \udc00 ${mark}`, error: `${odd} ${mark}`,
      durationMs: 1.25,
    });
    const batch = [outcome(ids[0], at, true), outcome(ids[1], at + 1, true), outcome(ids[2], at + 2, false)];
    batch.forEach((o, i) => texts(o.attempt, String(i)));
    statements.length = 0;
    // The two successes in the one statement, then the failure on its own (the general path).
    await logged.dispatch.record(batch.slice(0, 2), policy, at + 3);
    expect(statements[0]).not.toMatch(/^begin/);
    await logged.dispatch.record(batch.slice(2), policy, at + 4);
    expect(statements).toContain('begin');
    const { rows } = await sql<Record<string, unknown>>`SELECT delivery_id, webhook_id, event_type, "trigger", success, request_url,
      request_headers, request_body, response_code, response_message, response_headers, response_body, duration_ms, error, created_at
      FROM attempts WHERE delivery_id = ANY(${ids}) ORDER BY id`.execute(running.store.db);
    expect(rows.map((row) => ({ ...row, delivery_id: Number(row.delivery_id), webhook_id: Number(row.webhook_id), created_at: Number(row.created_at) }))).toEqual(batch.map(({ attempt: a }, i) => ({
      delivery_id: a.deliverySeq, webhook_id: a.webhookSeq, event_type: 'order.created', trigger: 'scheduled', success: i < 2 ? 1 : 0,
      request_url: a.requestUrl, request_headers: a.requestHeadersJson, request_body: a.requestBody, response_code: a.responseCode,
      response_message: a.responseMessage, response_headers: a.responseHeadersJson, response_body: `${odd} lone \uFFFD ${i}`,
      duration_ms: 1.25, error: a.error, created_at: a.createdAt,
    })));
  });
});
