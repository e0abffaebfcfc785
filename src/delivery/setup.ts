/**
 * The delivery side built from the configuration: the attempt sender and the dispatcher. The same in a
 * process that dispatches itself and in the dispatcher thread of a SQLite `serve` (threads/).
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { EgressPolicy } from '../core/addresses.ts';
import type { SecretBox } from '../core/crypto.ts';
import type { Metrics } from '../metrics.ts';
import type { DisablePolicy, DispatchRepo } from '../core/ports/store.ts';
import { VERSION } from '../version.ts';
import { AttemptRunner } from './attempt.ts';
import { Dispatcher } from './dispatcher.ts';
import { RetryPolicy } from './retry.ts';
import { HttpSender } from './sender.ts';
import { ObservedSender } from './observed-sender.ts';
import { TimedDispatchRepo } from './timed-dispatch.ts';

export interface AttemptSending {
  http: HttpSender;
  runner: AttemptRunner;
}

export const egressPolicy = (config: Config): EgressPolicy => new EgressPolicy(config.allowPrivateNetworks, config.egressDeny, config.egressAllow);

export function attemptSending(config: Config, box: SecretBox): AttemptSending {
  const http = new HttpSender({
    timeoutMs: config.requestTimeoutMs,
    egress: egressPolicy(config),
    bodyCapBytes: config.bodyLogCapBytes,
  });
  const runner = new AttemptRunner(http, box, {
    userAgent: `hookd/${VERSION}`,
    woocommerce: { userAgent: config.woocommerce.userAgent, source: config.woocommerce.source },
    bodyLogCapBytes: config.bodyLogCapBytes,
  });
  return { http, runner };
}

/** When failing webhooks are disabled, as the settings say (HOOKD_DISABLE_AFTER_*, the WooCommerce face's rule). */
export function disablePolicyOf(config: Config): DisablePolicy {
  return {
    standard: { failures: config.disableAfterFailures, afterMs: config.disableAfterMs },
    woocommerce: { failures: config.woocommerce.maxFailures },
  };
}

export function newDispatcher(config: Config, repo: DispatchRepo, runner: AttemptRunner, metrics: Metrics, log: Logger): Dispatcher {
  // Observed from the outside (spans, attempt metrics, store timings): the dispatcher itself knows none of it.
  return new Dispatcher(new TimedDispatchRepo(repo, metrics), new ObservedSender(runner, metrics), new RetryPolicy(config.retrySchedule, config.retryJitter), {
    concurrency: config.concurrency,
    webhookConcurrency: config.webhookConcurrency,
    workspaceConcurrency: config.workspaceConcurrency,
    leaseMs: config.leaseMs,
    requestTimeoutMs: config.requestTimeoutMs,
    shutdownGraceMs: config.shutdownGraceMs,
    sharesStore: config.databaseUrl !== undefined,
    disablePolicy: disablePolicyOf(config),
    metrics,
  }, log.child({ component: 'dispatcher' }));
}
