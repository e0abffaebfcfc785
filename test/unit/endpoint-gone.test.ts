/** Which webhooks a batch of outcomes finds gone: a 410 not followed by a success. */
import { describe, expect, it } from 'vitest';
import { goneWebhooks } from '../../src/core/endpoint-gone.ts';

describe('410 Gone', () => {
  const outcome = (webhookSeq: number, responseCode: number | null) => ({ webhookSeq, attempt: { success: responseCode !== null && responseCode < 300, responseCode } });

  it('marks a webhook whose attempts include a 410 not followed by a success', () => {
    expect(goneWebhooks([outcome(3, 500), outcome(3, 410), outcome(1, 410), outcome(2, 200)])).toEqual([1, 3]);
    expect(goneWebhooks([outcome(1, 410), outcome(1, 200)])).toEqual([]);
    expect(goneWebhooks([outcome(1, 200), outcome(1, 410), outcome(1, 503)])).toEqual([1]);
    expect(goneWebhooks([outcome(1, null), outcome(2, 404)])).toEqual([]);
  });
});
