/** hookd's servers let V8's heaps grow to twice what the last full collection kept (src/heap-growth.ts). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT } from '../../src/heap-growth.ts';

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const PROBE = fileURLToPath(new URL('../helpers/heap-growth-probe.ts', import.meta.url));

interface Collection {
  /** The factor V8's own heuristics chose (its "factor … based on" line). */
  chosen: string;
  /** The factor the new limit was set with (its "Limit:" line): the flag's, when set. */
  applied: string;
}

/** Each isolate's (thread's) full collections in the probe, as V8 printed them. */
async function collectionsByIsolate(nodeFlags: string[], env: Record<string, string> = {}): Promise<Map<string, Collection[]>> {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--expose-gc', RUN_TS, PROBE], { env: { ...process.env, ...env } });
  const collections = new Map<string, Collection[]>();
  // V8 prints the factor it chose, then the limit it set, each line naming its isolate.
  const chosen = new Map<string, string>();
  for (const match of stdout.matchAll(/^\[\d+:(0x[0-9a-f]+)\][^\n]*\[HeapController\] (?:factor ([\d.]+) based on|Limit: [^\n]*\(([\d.]+)\)$)/gm)) {
    const [, isolate, chosenFactor, appliedFactor] = match;
    if (chosenFactor !== undefined) chosen.set(isolate, chosenFactor);
    else collections.set(isolate, [...(collections.get(isolate) ?? []), { chosen: chosen.get(isolate) ?? '', applied: appliedFactor }]);
  }
  return collections;
}

const applied = (collections: Map<string, Collection[]>) => new Set([...collections.values()].flat().map((collection) => collection.applied));

describe('limitHeapGrowth', () => {
  it('sets the factor for every thread of the process, whatever V8 would have chosen', async () => {
    const collections = await collectionsByIsolate([]);
    expect(collections.size).toBe(2);
    expect(applied(collections)).toEqual(new Set([(1 + HEAP_GROWING_PERCENT / 100).toFixed(1)]));
  });

  it('leaves a factor given to node alone', async () => {
    const collections = await collectionsByIsolate(['--heap-growing-percent=50']);
    expect(collections.size).toBe(2);
    expect(applied(collections)).toEqual(new Set(['1.5']));
  });

  it('is what sets it: without it, V8 applies the factor its heuristics chose', async () => {
    const collections = await collectionsByIsolate([], { HEAP_PROBE_LEAVE_DEFAULT: '1' });
    expect(collections.size).toBe(2);
    for (const collection of [...collections.values()].flat()) expect(collection.applied).toBe(collection.chosen);
  });
});
