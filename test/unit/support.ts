import { expect } from 'vitest';
import { Invalid } from '../../src/core/errors.ts';

/** Runs `run`, which must throw Invalid; returns the field it names. */
export function invalidField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Invalid);
    return (error as Invalid).field;
  }
  throw new Error('expected Invalid to be thrown');
}
