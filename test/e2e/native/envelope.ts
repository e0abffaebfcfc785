/** Assertions on the native API's wire envelope, shared by the native API tests. */
import { expect } from 'vitest';
import type { ApiResponse } from '../../helpers/hookd.ts';

/**
 * The answer is an error in the envelope: `{"data": null, "error": {"code", "message", "details"}}`.
 * `field` given: details must name exactly that field; `null`: details must be null; omitted: not checked.
 */
export function expectError(response: ApiResponse, status: number, code: string, field?: string | null, label = ''): void {
  const where = `${label} → ${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, where).toBe(status);
  expect(response.headers.get('content-type') ?? '', where).toMatch(/^application\/json/);
  expect(Object.keys(response.body ?? {}).sort(), where).toEqual(['data', 'error']);
  expect(response.body.data, where).toBeNull();
  expect(response.body.error.code, where).toBe(code);
  expect(typeof response.body.error.message, where).toBe('string');
  expect(response.body.error.message.length, where).toBeGreaterThan(0);
  if (field === null) expect(response.body.error.details, where).toBeNull();
  else if (field !== undefined) expect(response.body.error.details, where).toEqual({ field });
}

/** The answer is a success in the envelope: `{"data": …, "error": null}` (lists add `page`). */
export function expectData(response: ApiResponse, status: number, label = ''): any {
  const where = `${label} → ${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, where).toBe(status);
  expect(response.body?.error, where).toBeNull();
  expect(response.body?.data, where).not.toBeUndefined();
  expect(response.body?.data, where).not.toBeNull();
  return response.body.data;
}

/** Every object key anywhere in a JSON value. */
export function allKeys(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) allKeys(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      into.push(key);
      allKeys(child, into);
    }
  }
  return into;
}
