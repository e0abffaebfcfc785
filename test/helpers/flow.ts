/** Checks for flow-control tests (core/flow-control.ts): receivers that fail at random, FIFO order, the busiest second. */
import { expect } from 'vitest';

/** A deterministic series of answers: about `failureRate` of them 500s. */
export function randomFailures(count: number, failureRate: number, seed = 7): Array<{ kind: 'status'; status: number }> {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => ({ kind: 'status' as const, status: next() < failureRate ? 500 : 200 }));
}

/** Fails unless each event arrived only after the one before it was delivered (repeats allowed), and every one was. */
export function checkFifo(received: Array<{ n: number; ok: boolean }>, total: number): void {
  let delivered = -1;
  for (const { n, ok } of received) {
    // Event n may arrive only once n - 1 was delivered (a repeat of an earlier one is allowed: a retry or a re-send).
    expect(n, `event ${n} arrived while ${delivered + 1} was not delivered yet`).toBeLessThanOrEqual(delivered + 1);
    if (ok && n === delivered + 1) delivered = n;
  }
  expect(delivered).toBe(total - 1);
}

/** The most requests that arrived within any one-second window. */
export function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
