/**
 * An API-role hookd on the run's store, a receiver, and a dispatcher the test builds itself over a
 * dispatch repo of its choosing (one that watches or delays the store's calls: dispatch-repo.ts). Set up
 * before the file's tests and taken down after them.
 */
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { Hookd } from '../../src/app.ts';
import { loadEncryptionKey } from '../../src/bootstrap.ts';
import type { Config, SettingName } from '../../src/config.ts';
import { SecretBox } from '../../src/core/crypto.ts';
import type { DispatchRepo } from '../../src/core/ports/store.ts';
import type { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { attemptSending, newDispatcher, type AttemptSending } from '../../src/delivery/setup.ts';
import { Metrics } from '../../src/metrics.ts';
import { startApiRoleHookd, type ApiRoleHookd } from './backlog.ts';
import { Receiver } from './receiver.ts';

export interface OwnDispatcher {
  readonly hookd: Hookd;
  readonly config: Config;
  readonly receiver: Receiver;
  /** Starts a dispatcher over `repo` (with `config`, or the hookd's), stopping the one started before. */
  start(repo: DispatchRepo, options?: { config?: Config; log?: pino.Logger }): Promise<Dispatcher>;
}

export function ownDispatcher(name: string, settings: Partial<Record<SettingName, string>> = {}): OwnDispatcher {
  let started: ApiRoleHookd | undefined;
  let receiver: Receiver | undefined;
  let sending: AttemptSending | undefined;
  let dispatcher: Dispatcher | undefined;

  beforeAll(async () => {
    started = await startApiRoleHookd(name, settings);
    receiver = await Receiver.start();
    sending = attemptSending(started.config, new SecretBox(loadEncryptionKey(started.config)));
  });
  afterAll(async () => {
    await dispatcher?.stop();
    await sending?.http.close();
    await receiver?.close();
    await started?.stop();
  });

  const ready = () => {
    if (!started || !receiver || !sending) throw new Error('not set up outside a test');
    return { started, receiver, sending };
  };
  return {
    get hookd() { return ready().started.hookd; },
    get config() { return ready().started.config; },
    get receiver() { return ready().receiver; },
    async start(repo, options = {}) {
      const { started: hookd, sending: its } = ready();
      await dispatcher?.stop();
      dispatcher = newDispatcher(options.config ?? hookd.config, repo, its.runner, new Metrics({ processMetrics: false }), options.log ?? pino({ level: 'warn' }));
      dispatcher.start();
      return dispatcher;
    },
  };
}
