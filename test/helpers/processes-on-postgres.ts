/**
 * Several hookd processes on one PostgreSQL schema, for the multi-process tests: each test gets a fresh
 * schema, data dir and receiver, and every process it spawned is SIGKILLed after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createTestSchema, type TestSchema } from './postgres.ts';
import { spawnHookd, type HookdProcess } from './process.ts';
import { Receiver } from './receiver.ts';

export interface ProcessesOnPostgres {
  readonly schema: TestSchema;
  readonly receiver: Receiver;
  /** A `hookd` process on the test's schema, with `defaults` and then `settings`; `command` as spawnHookd takes it. */
  spawn(settings?: Record<string, string>, command?: string[]): Promise<HookdProcess>;
}

export function processesOnPostgres(dataDirPrefix: string, defaults: Record<string, string>): ProcessesOnPostgres {
  let schema: TestSchema | undefined;
  let dataDir = '';
  let receiver: Receiver | undefined;
  const processes: HookdProcess[] = [];

  beforeEach(async () => {
    schema = await createTestSchema();
    dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
    receiver = await Receiver.start();
  });
  afterEach(async () => {
    for (const process of processes.splice(0)) if (process.child.exitCode === null) process.child.kill('SIGKILL');
    await receiver?.close();
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get schema() {
      if (!schema) throw new Error('no schema outside a test');
      return schema;
    },
    get receiver() {
      if (!receiver) throw new Error('no receiver outside a test');
      return receiver;
    },
    async spawn(settings = {}, command) {
      const process = await spawnHookd(dataDir, 'free', { databaseUrl: this.schema.url, ...defaults, ...settings }, command);
      processes.push(process);
      return process;
    },
  };
}
