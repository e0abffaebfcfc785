/** hookd's servers keep V8's heaps at twice what the last full collection kept (src/heap-growth.ts). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT } from '../../src/heap-growth.ts';

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const PROBE = fileURLToPath(new URL('../helpers/heap-growth-probe.ts', import.meta.url));

/** The growing factor V8 applied at each full collection, by isolate (the main thread's, the worker's). */
async function factorsByIsolate(nodeFlags: string[], env: Record<string, string> = {}): Promise<Map<string, string[]>> {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--expose-gc', RUN_TS, PROBE], { env: { ...process.env, ...env } });
  const factors = new Map<string, string[]>();
  for (const [, isolate, factor] of stdout.matchAll(/^\[\d+:(0x[0-9a-f]+)\][^\n]*\[HeapController\] Limit: [^\n]*\(([\d.]+)\)$/gm)) {
    factors.set(isolate, [...(factors.get(isolate) ?? []), factor]);
  }
  return factors;
}

describe('limitHeapGrowth', () => {
  it('sets the factor for every thread of the process', async () => {
    const factors = await factorsByIsolate([]);
    expect(factors.size).toBe(2);
    for (const list of factors.values()) expect(new Set(list)).toEqual(new Set([(1 + HEAP_GROWING_PERCENT / 100).toFixed(1)]));
  });

  it('leaves a factor given to node alone', async () => {
    const factors = await factorsByIsolate(['--heap-growing-percent=50']);
    expect(factors.size).toBe(2);
    expect(new Set([...factors.values()].flat())).toEqual(new Set(['1.5']));
  });

  it('is what changes the factor (V8 on its own chose another here)', async () => {
    const factors = await factorsByIsolate([], { HEAP_PROBE_LEAVE_DEFAULT: '1' });
    expect(factors.size).toBe(2);
    expect([...factors.values()].flat()).not.toContain('2.0');
  });
});
