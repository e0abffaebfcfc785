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

    // And a process of the other schema does reach the others of its own.
    const other = new PostgresSignals(url, theirs, 5000);
    const otherSender = new PostgresSignals(url, theirs, 5000);
    opened.push(other, otherSender);
    let otherWoken = 0;
    other.onWork(() => otherWoken++);
    await eventually(async () => {
      listening.notifyWork();
      otherSender.notifyWork();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return otherWoken > 0;
    });
  });

  it('are left out by a process that is the only one listening, and sent once another listens', async () => {
    const url = TEST_DATABASE_URL as string;
    const schema = 'hookd_test_channel_peers';
    // What goes over the channel, read by a plain connection (not a hookd process: it does not announce itself).
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    opened.push({ close: () => watcher.end() });
    const seen: string[] = [];
    watcher.on('notification', (message) => seen.push(message.payload ?? ''));
    await watcher.query(`LISTEN ${workChannel(schema)}`);

    const one = new PostgresSignals(url, schema, 5000);
    opened.push(one);
    const heardByOne: string[] = [];
    one.onWork((webhooks) => heardByOne.push(`work ${webhooks}`));
    await eventually(async () => seen.some((payload) => payload.startsWith('hello:')));
    // Alone (its own hello does not count): its notices of work are left out, a stop is still told.
    one.notifyWork([1]);
    one.notifyStopped(2);
    await eventually(async () => seen.includes('stopped:2'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.filter((payload) => payload.startsWith('work:'))).toEqual([]);

    // Another listener says hello; the first answers "here" and notifies from then on, both ways.
    const two = new PostgresSignals(url, schema, 5000);
    opened.push(two);
    const heardByTwo: string[] = [];
    two.onWork((webhooks) => heardByTwo.push(`work ${webhooks}`));
    await eventually(async () => seen.filter((payload) => /^(hello|here):/.test(payload)).length >= 3);
    one.notifyWork([3]);
    await eventually(async () => heardByTwo.includes('work 3'));
    two.notifyWork([4]);
    await eventually(async () => heardByOne.includes('work 4'));
    // Each hears the other's notice and the echo of its own; announcements wake no dispatcher.
    await eventually(async () => heardByOne.length >= 2 && heardByTwo.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heardByOne.sort()).toEqual(['work 3', 'work 4']);
    expect(heardByTwo.sort()).toEqual(['work 3', 'work 4']);

    // A process that does not listen cannot tell: it always notifies.
    const apiOnly = new PostgresSignals(url, 'hookd_test_channel_peers_api', 5000);
    opened.push(apiOnly);
    const apiWatcher = new pg.Client({ connectionString: url });
    await apiWatcher.connect();
    opened.push({ close: () => apiWatcher.end() });
    const apiSeen: string[] = [];
    apiWatcher.on('notification', (message) => apiSeen.push(message.payload ?? ''));
    await apiWatcher.query(`LISTEN ${workChannel('hookd_test_channel_peers_api')}`);
    apiOnly.notifyWork([5]);
    await eventually(async () => apiSeen.includes('work:5'));
  });
});
