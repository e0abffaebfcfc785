/**
 * The OpenAPI document at /openapi.json: valid by a third-party validator (@seriousme/openapi-schema-
 * validator, against the OpenAPI 3 schemas), and complete: every native and WooCommerce route is in it, each operation
 * with an operationId of its own, a summary, its parameters and body, and responses for success and for
 * errors, each with a schema. That the answers really match those schemas is checked on every request of
 * the e2e suite (HOOKD_CHECK_RESPONSES, src/api/response-check.ts).
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }>; description?: string }>;
}

describe('the OpenAPI document', () => {
  let server: TestHookd;
  let document: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    server = await startTestHookd();
    document = await (await fetch(`${server.url}/openapi.json`)).json() as typeof document;
  });
  afterAll(async () => { await server?.stop(); });

  it('is a valid OpenAPI 3 document', async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every native route with an operationId, a summary, and schemas for success and errors', async () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).filter(([method]) => method !== 'head').map(([method, operation]) => ({ path, method, operation })));
    // Every route the route files declare, none hidden.
    expect(operations.length).toBeGreaterThanOrEqual(33);
    const ids = new Set<string>();
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(operation.operationId!), `${where}: operationId ${operation.operationId} is used twice`).toBe(false);
      ids.add(operation.operationId!);
      expect(operation.summary?.length ?? 0, where).toBeGreaterThan(5);
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((status) => /^20[0-4]$/.test(status)), `${where}: ${statuses}`).toBe(true);
      expect(statuses, where).toEqual(expect.arrayContaining(['4XX']));
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '204') continue;
        expect(response.content?.['application/json']?.schema, `${where} ${status}`).toBeDefined();
        // An example of what it answers: on the model, or on the answer itself.
        expect(JSON.stringify(response.content).includes('"example":'), `${where} ${status} has no example`).toBe(true);
      }
    }
    for (const expected of [
      'listEvents', 'listDeliveries', 'countWebhooks', 'getWebhookSecret', 'deleteWorkspace', 'updateEventType', 'publishEvent', 'listAttempts',
      // The WooCommerce face, described by hand (its routes take every method): every route it serves.
      'wcListWebhooks', 'wcCreateWebhook', 'wcCountWebhooks', 'wcGetWebhook', 'wcEditWebhook', 'wcDeleteWebhook', 'wcListDeliveries', 'wcGetDelivery',
    ]) {
      expect(ids, expected).toContain(expected);
    }
  });

  it('shows an example for the models most answers carry', () => {
    // Searched as text; the document itself is too long to print in a failure.
    const text = JSON.stringify(document);
    for (const title of ['Webhook', 'Delivery', 'EventSummary', 'SigningSecret', 'PublishedEvent']) {
      expect(text.includes(`"title":"${title}","example":{`), title).toBe(true);
    }
    expect(text.includes('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), 'a generated secret in an example').toBe(true);
  });
});
