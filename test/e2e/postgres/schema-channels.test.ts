/**
 * Notifications are database-wide: hookd installations in different schemas of one database each listen
 * on their own schema's channel, so new work in one does not wake the others' dispatchers.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresSignals, workChannel } from '../../../src/store/postgres-signals.ts';
import { TEST_DATABASE_URL, USE_POSTGRES } from '../../helpers/postgres.ts';
import { eventually } from '../../helpers/hookd.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe('work channels', () => {
  it('are named after the schema, within PostgreSQL\'s 63-byte identifiers', () => {
    expect(workChannel('public')).toBe('hookd_work_public');
    const long = 'x'.repeat(60);
    expect(Buffer.byteLength(workChannel(long))).toBeLessThanOrEqual(63);
    expect(workChannel(long)).not.toBe(workChannel(`${long}y`));
  });
});

describe.skipIf(!USE_POSTGRES)(`work channels on PostgreSQL (${USE_POSTGRES ? 'running' : reason})`, () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const item of opened) await item.close();
  });

  it('wake only the processes of the same schema', async () => {
    const url = TEST_DATABASE_URL as string;
    const [mine, theirs] = ['hookd_test_channel_mine', 'hookd_test_channel_theirs "quoted"'];
    const listening = new PostgresSignals(url, mine, 5000);
    opened.push(listening);
    let woken = 0;
    let stopped: number[] = [];
    listening.onWork(() => woken++);
    listening.onStopped((seq) => stopped.push(seq));

    const sender = new pg.Client({ connectionString: url });
    await sender.connect();
    opened.push({ close: () => sender.end() });
    // Until the listener has subscribed, notifications pass it by: send until one arrives.
    await eventually(async () => {
      await sender.query('SELECT pg_notify($1, NULL)', [workChannel(mine)]);
      return woken > 0;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    woken = 0;
    stopped = [];

    // One connection's notifications arrive in the order sent: once the second is in, the first would be too.
    await sender.query('SELECT pg_notify($1, NULL)', [workChannel(theirs)]);
    await sender.query('SELECT pg_notify($1, $2)', [workChannel(theirs), 'stopped:7']);
    await sender.query('SELECT pg_notify($1, $2)', [workChannel(mine), 'stopped:8']);
    await eventually(async () => stopped.length > 0);
    expect(stopped).toEqual([8]);
    expect(woken).toBe(0);

    // And a process of the other schema does reach its own.
    const other = new PostgresSignals(url, theirs, 5000);
    opened.push(other);
    let otherWoken = 0;
    other.onWork(() => otherWoken++);
    await eventually(async () => {
      listening.notifyWork();
      other.notifyWork();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return otherWoken > 0;
    });
  });
});
