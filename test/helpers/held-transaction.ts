/**
 * A transaction kept open while a test does something else: to show that a statement does not wait for
 * a lock (or a connection) another transaction holds, or that it does.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

/** Opens a transaction on `db`, runs `hold` in it, then `during`; the transaction ends (commits) after `during`. */
export async function whileTransactionHolds<T>(db: Kysely<Database>, hold: (trx: Transaction<Database>) => Promise<unknown>, during: () => Promise<T>): Promise<T> {
  let release = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  let holding = () => {};
  const held = new Promise<void>((resolve) => { holding = resolve; });
  const holder = db.transaction().execute(async (trx) => {
    await hold(trx);
    holding();
    await released;
  });
  // A hold that fails ends the test with its error, not a wait.
  await Promise.race([held, holder]);
  try {
    return await during();
  } finally {
    release();
    await holder;
  }
}
