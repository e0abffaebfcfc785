/** The rules of operational events (core/operational-events.ts) and how subscriptions reach them (core/topics.ts). */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_EVENT_TYPES } from '../../src/core/catalog.ts';
import { checkEventData } from '../../src/core/event-schemas.ts';
import {
  DISABLED_LAST_ATTEMPTS, OPERATIONAL_EVENT_TYPES, OPERATIONAL_TYPES, disabledPayload, failingPayload, rateCheckDue, rateCrossed, type AttemptSummary,
} from '../../src/core/operational-events.ts';
import { expandSubscription, matches, patternsMatching, validateSubscription } from '../../src/core/topics.ts';
import { loadConfig } from '../../src/config.ts';

const webhook = { workspaceId: '0190a5a2-7c1e-7a3b-9f00-3c2d1e0f4a5b', id: '0190a5a2-9d4f-7c21-8e11-5a6b7c8d9e0f', name: 'shop', url: 'https://shop.example/hooks', status: 'active', failureCount: 12, failingSince: 0, lastSuccessAt: null };
const attempt: AttemptSummary = { at: 1_000, eventType: 'order.created', responseCode: null, error: 'x'.repeat(5_000), durationMs: 3 };

describe('operational events', () => {
  it('are in the catalog, each with a schema that its example and a payload hookd makes both satisfy', () => {
    for (const type of OPERATIONAL_EVENT_TYPES) expect(BUILT_IN_EVENT_TYPES).toContainEqual(type);
    const schemaOf = (name: string) => JSON.stringify(OPERATIONAL_EVENT_TYPES.find((t) => t.name === name)!.schema);
    const failing = failingPayload(webhook, { kind: 'failure_rate', attempts: 30, failed: 20 }, attempt);
    expect(() => checkEventData(schemaOf(OPERATIONAL_TYPES.failing), failing)).not.toThrow();
    expect(failing.window).toEqual({ minutes: 15, attempts: 30, failed: 20, failureRate: 0.667 });
    const disabled = disabledPayload(webhook, 'gone', 2_000, new Array(9).fill(attempt));
    expect(() => checkEventData(schemaOf(OPERATIONAL_TYPES.disabled), disabled)).not.toThrow();
    // Bounded: the last five attempts, and error texts cut.
    expect(disabled.lastAttempts).toHaveLength(DISABLED_LAST_ATTEMPTS);
    expect(disabled.lastAttempts[0].error).toHaveLength(500);
  });

  it('are not covered by "*", but by their names and "hookd.*"', () => {
    expect(matches('*', 'hookd.webhook.disabled')).toBe(false);
    expect(matches('hookd.*', 'hookd.webhook.disabled')).toBe(true);
    expect(matches('hookd.webhook.*', 'hookd.webhook.failing')).toBe(true);
    expect(patternsMatching('hookd.webhook.disabled')).not.toContain('*');
    expect(patternsMatching('order.created')).toContain('*');
    expect(validateSubscription(['hookd.*'], BUILT_IN_EVENT_TYPES)).toEqual(['hookd.*']);
    expect(expandSubscription(['*'], BUILT_IN_EVENT_TYPES).some((type) => type.name.startsWith('hookd.'))).toBe(false);
    expect(expandSubscription(['hookd.*'], BUILT_IN_EVENT_TYPES).map((type) => type.name).sort()).toEqual(Object.values(OPERATIONAL_TYPES).sort());
  });

  it('look at the failure rate at every tenth failure in a row, and call half of at least ten attempts failing', () => {
    expect(rateCheckDue(0, 9)).toBe(false);
    expect(rateCheckDue(9, 10)).toBe(true);
    expect(rateCheckDue(3, 25)).toBe(true);
    expect(rateCheckDue(10, 19)).toBe(false);
    expect(rateCrossed(9, 9)).toBe(false);
    expect(rateCrossed(10, 5)).toBe(true);
    expect(rateCrossed(100, 49)).toBe(false);
  });
});

describe('the operator webhook settings', () => {
  const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
  it('take a URL with a whsec_ secret, and refuse either alone or a bad secret', () => {
    expect(loadConfig({ HOOKD_OPERATIONAL_WEBHOOK_URL: 'https://ops.example/hooks', HOOKD_OPERATIONAL_WEBHOOK_SECRET: secret }).operationalWebhook)
      .toEqual({ url: 'https://ops.example/hooks', secret });
    expect(loadConfig({}).operationalWebhook).toBeUndefined();
    expect(() => loadConfig({ HOOKD_OPERATIONAL_WEBHOOK_URL: 'https://ops.example/hooks' })).toThrow(/HOOKD_OPERATIONAL_WEBHOOK_SECRET/);
    expect(() => loadConfig({ HOOKD_OPERATIONAL_WEBHOOK_SECRET: secret })).toThrow(/without HOOKD_OPERATIONAL_WEBHOOK_URL/);
    expect(() => loadConfig({ HOOKD_OPERATIONAL_WEBHOOK_URL: 'https://ops.example/hooks', HOOKD_OPERATIONAL_WEBHOOK_SECRET: 'plain secret' })).toThrow(/whsec_/);
    expect(() => loadConfig({ HOOKD_OPERATIONAL_WEBHOOK_URL: 'ftp://ops.example', HOOKD_OPERATIONAL_WEBHOOK_SECRET: secret })).toThrow(/HOOKD_OPERATIONAL_WEBHOOK_URL/);
  });
});
