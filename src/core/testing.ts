/**
 * "Test a webhook": sends, synchronously, one test event per requested type built from the catalog's
 * example, through the real sender (same signing, same headers), and logs each as a test attempt.
 */
import { randomUUID } from 'node:crypto';
import type { StoredWebhook, WebhookSecrets } from './ports/store.ts';
import type { CoreContext } from './context.ts';
import { NotFound, UnknownEvent } from './errors.ts';
import type { EventTypes } from './event-types.ts';
import type { EventType, Webhook, Workspace } from './model.ts';
import { expandSubscription } from './topics.ts';
import { isActionEvent } from './woocommerce-topics.ts';

/** A subscription to `*` would mean the whole catalog; tests stop at this many types. */
export const MAX_TESTS = 20;
const PARALLEL = 4;

export interface TestResult {
  event: string;
  url: string;
  success: boolean;
  responseCode: number | null;
  durationMs: number;
  error: string | null;
}

export interface TestReport {
  startedAt: number;
  testsRun: number;
  testsSucceeded: number;
  testsFailed: number;
  tests: TestResult[];
}

export class WebhookTests {
  constructor(private readonly ctx: CoreContext, private readonly eventTypes: EventTypes) {}

  async run(workspace: Workspace, webhook: Webhook, eventName?: string): Promise<TestReport> {
    const startedAt = this.ctx.now();
    const catalog = await this.eventTypes.catalog(workspace);
    let types: EventType[];
    if (eventName !== undefined) {
      const type = await this.eventTypes.find(workspace, eventName);
      if (!type) throw new UnknownEvent('event', eventName);
      types = [type];
    } else {
      // Action events (`action.woocommerce_*`) are open families, not catalog entries: each is its own type.
      const actions = await Promise.all(webhook.events.filter(isActionEvent).map((name) => this.eventTypes.find(workspace, name)));
      types = [...expandSubscription(webhook.events, catalog), ...actions.filter((type): type is EventType => type !== undefined)].slice(0, MAX_TESTS);
    }
    const stored = await this.ctx.store.webhooks.get(workspace, webhook.id);
    const secrets = await this.ctx.store.webhooks.secrets(webhook.seq);
    if (!stored || !secrets) throw new NotFound('webhook');

    const tests: TestResult[] = new Array(types.length);
    let next = 0;
    const worker = async () => {
      while (next < types.length) {
        const index = next++;
        tests[index] = await this.sendOne(workspace.id, stored, secrets, types[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, types.length) }, worker));
    const succeeded = tests.filter((test) => test.success).length;
    return { startedAt, testsRun: tests.length, testsSucceeded: succeeded, testsFailed: tests.length - succeeded, tests };
  }

  private async sendOne(workspaceId: string, webhook: StoredWebhook, secrets: WebhookSecrets, type: EventType): Promise<TestResult> {
    const attempt = await this.ctx.sender.send({
      seq: 0,
      id: `test_${randomUUID()}`,
      attemptCount: 0,
      trigger: 'test',
      webhook: { seq: webhook.seq, id: webhook.id, workspaceSeq: webhook.workspaceSeq, workspaceId, url: webhook.url, sealedHeaders: webhook.sealedHeaders, format: webhook.format, meta: webhook.meta, secrets, retrySchedule: webhook.retrySchedule, transform: webhook.transform, fifo: false, rateLimited: false },
      event: { seq: 0, id: `test_${randomUUID()}`, type: type.name, dataJson: JSON.stringify(type.example), createdAt: this.ctx.now() },
    });
    await this.ctx.store.deliveries.recordTestAttempt(attempt);
    return {
      event: type.name,
      url: webhook.url,
      success: attempt.success,
      responseCode: attempt.responseCode,
      durationMs: attempt.durationMs,
      error: attempt.error,
    };
  }
}
