import { describe, expect, it } from 'vitest';
import { isDeadlock, retryingDeadlocks } from '../../src/store/sql/deadlock-retry.ts';
import { storeError } from '../../src/store/store-errors.ts';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retrying deadlocks', () => {
  it('knows a deadlock, also as the cause of the store error wrapping it', () => {
    expect(isDeadlock(deadlock())).toBe(true);
    expect(isDeadlock(storeError(deadlock()))).toBe(true);
    expect(isDeadlock(Object.assign(new Error('unique violation'), { code: '23505' }))).toBe(false);
    expect(isDeadlock(null)).toBe(false);
  });

  it('runs a transaction chosen as a deadlock victim again, and gives up after a few tries', async () => {
    let runs = 0;
    expect(await retryingDeadlocks(async () => {
      runs++;
      if (runs < 3) throw storeError(deadlock());
      return 'done';
    })).toBe('done');
    expect(runs).toBe(3);

    runs = 0;
    await expect(retryingDeadlocks(async () => {
      runs++;
      throw deadlock();
    })).rejects.toThrow('deadlock detected');
    expect(runs).toBe(4);
  });

  it('does not run again what failed otherwise', async () => {
    let runs = 0;
    await expect(retryingDeadlocks(async () => {
      runs++;
      throw new Error('no such table');
    })).rejects.toThrow('no such table');
    expect(runs).toBe(1);
  });
});
