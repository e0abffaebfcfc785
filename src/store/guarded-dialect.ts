/**
 * Wraps a Kysely dialect so that every statement's failure passes through storeError (an outage becomes
 * Unavailable, with its real cause), the store's health follows what succeeds and fails, and a failed
 * ROLLBACK never hides the error that caused it: SQLite rolls a transaction back by itself when the disk
 * is full, and the ROLLBACK that follows ("no transaction is active") used to replace the real error.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { StoreHealth, storeError } from './store-errors.ts';

/** Statements that read only: their success says nothing about whether writes work. */
const READ_ONLY = /^\s*(select|pragma)\b/i;

function guardedConnection(connection: DatabaseConnection, health: StoreHealth): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      try {
        const result = await connection.executeQuery<R>(query);
        // Only an outage needs to know what kind of statement just worked: no test on every statement.
        if (health.outage) health.succeeded(!READ_ONLY.test(query.sql));
        return result;
      } catch (error) {
        health.failed(error);
        throw storeError(error);
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

function guardedDriver(driver: Driver, health: StoreHealth): Driver {
  const guarded = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const inner = (connection: DatabaseConnection) => (connection as { inner?: DatabaseConnection }).inner ?? connection;
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      health.failed(error);
      throw storeError(error);
    }
  };
  return {
    init: () => call(() => driver.init()),
    async acquireConnection() {
      const connection = await call(() => driver.acquireConnection());
      let wrapped = guarded.get(connection);
      if (!wrapped) guarded.set(connection, (wrapped = Object.assign(guardedConnection(connection, health), { inner: connection })));
      return wrapped;
    },
    beginTransaction: (connection: DatabaseConnection, settings: TransactionSettings) => call(() => driver.beginTransaction(inner(connection), settings)),
    async commitTransaction(connection: DatabaseConnection) {
      await call(() => driver.commitTransaction(inner(connection)));
      health.succeeded(true);
    },
    async rollbackTransaction(connection: DatabaseConnection) {
      // The transaction failed already, and that failure is what the caller must see. A rollback that
      // cannot run (SQLite rolled back on its own; the connection is gone) adds nothing to it.
      await driver.rollbackTransaction(inner(connection)).catch(() => undefined);
    },
    releaseConnection: (connection: DatabaseConnection) => driver.releaseConnection(inner(connection)),
    destroy: () => driver.destroy(),
  };
}

/** The dialect, with its driver guarded; `health` follows every statement. */
export function guardedDialect(dialect: Dialect, health: StoreHealth): Dialect {
  return {
    createDriver: () => guardedDriver(dialect.createDriver(), health),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
