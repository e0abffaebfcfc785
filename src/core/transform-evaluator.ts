/**
 * JSONata, bounded. A webhook's transform is code its owner wrote, run by hookd for every delivery, so one
 * evaluation must not be able to hold the thread, exhaust its memory or run a regular expression:
 *
 * - jsonata's own guardrails, checked at every evaluation step: a time limit, a limit on the steps open at
 *   once (runaway recursion) and on the length of a sequence (the range operator's too);
 * - every step's result is looked at on its way out: a string longer than the body limit stops it (a
 *   string doubled 30 times is a few cheap steps, and would be 2^30 characters);
 * - built-ins that do much in one step, where no guardrail is checked, are bounded: `$sort` and
 *   `$distinct` (measured: 100 000 items take minutes and gigabytes) and `$pad` (its width);
 * - no regular expressions: refused in the expression, and refused at run time (`$eval` of a string).
 *   One pattern such as /(a+)+$/ on 30 characters runs for tens of seconds in one step.
 *
 * What is left is bounded by the time limit: an evaluation yields only to promise jobs (JSONata is async),
 * so other work of the thread waits at most about that long.
 */
import jsonata from 'jsonata';
import { compileFastPath, DECLINE } from './transform-fast-path.ts';

export const EVALUATION_LIMITS = {
  /** Time one evaluation may run. */
  ms: 50,
  /** Evaluation steps open at once. Grouping into an object evaluates its keys concurrently, each counting. */
  openSteps: 10_000,
  /** Items in one sequence (and in a range such as [1..n]). */
  sequence: 100_000,
  /** Characters of one string value, and of the body a transform produces. */
  text: 1024 * 1024,
  /** Items `$sort` and `$distinct` take: both do quadratic work in one step. */
  sortItems: 1_000,
} as const;

/** A transform that could not be compiled or run; `message` says why, for the caller or the attempt log. */
export class TransformError extends Error {}

export interface CompiledTransform {
  evaluate(input: unknown): Promise<unknown>;
}

type JsonataError = { code?: string; message?: string; position?: number; token?: string; value?: unknown };

/** A stand-in for RegExp that refuses: jsonata builds its patterns with the engine it is given. */
class NoRegularExpressions {
  constructor() {
    throw Object.assign(new Error('regular expressions are not allowed in a transform'), { code: 'HOOKD_REGEX' });
  }
}

const OPTIONS = {
  timeout: EVALUATION_LIMITS.ms,
  stack: EVALUATION_LIMITS.openSteps,
  sequence: EVALUATION_LIMITS.sequence,
  RegexEngine: NoRegularExpressions as unknown as RegExpConstructor,
};

/** Compiles an expression and checks what it may use; throws TransformError naming the problem. */
export function compileTransform(text: string): CompiledTransform {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(text, OPTIONS);
  } catch (error) {
    const e = error as JsonataError;
    // The parser recurses: an expression nested thousands deep ends the stack instead of a syntax error.
    if (error instanceof RangeError) throw new TransformError('is nested too deeply');
    throw new TransformError(e.position === undefined ? `syntax error: ${e.message}` : `syntax error at character ${e.position}: ${e.message}`);
  }
  const regex = findRegex(expression.ast());
  if (regex !== null) {
    throw new TransformError(`regular expressions are not allowed (at character ${regex}): one pattern can run for minutes; use $contains, $split or $replace with a plain string`);
  }
  // Symbols are what jsonata looks the hooks up by; its typings only speak of names.
  expression.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, boundStrings);
  // A plain reshape runs as a function of its own (transform-fast-path.ts); what it declines runs in jsonata.
  const fast = compileFastPath(expression.ast());
  let guarded = false;
  return {
    async evaluate(input) {
      if (fast) {
        const result = fast(input);
        if (result !== DECLINE) return result;
      }
      if (!guarded) {
        for (const [name, guard] of await GUARDS) expression.assign(name, guard);
        guarded = true;
      }
      try {
        return await expression.evaluate(input);
      } catch (error) {
        throw new TransformError(describe(error));
      }
    },
  };
}

/** The position of the first regular expression in the syntax tree, or null. Iterative: the tree may be deep. */
function findRegex(ast: unknown): number | null {
  const pending: unknown[] = [ast];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof RegExp) return 0;
    const record = node as Record<string, unknown>;
    if (record.type === 'regex') return typeof record.position === 'number' ? record.position : 0;
    for (const child of Array.isArray(node) ? node : Object.values(record)) pending.push(child);
  }
  return null;
}

function boundStrings(_expr: unknown, _input: unknown, _environment: unknown, result: unknown): void {
  if (typeof result === 'string' && result.length > EVALUATION_LIMITS.text) {
    throw Object.assign(new Error(`a string of more than ${EVALUATION_LIMITS.text} characters`), { code: 'HOOKD_TEXT' });
  }
}

/** Words an evaluation's failure for the attempt log: what stopped it, and where in the expression. */
function describe(error: unknown): string {
  const e = (error ?? {}) as JsonataError;
  switch (e.code) {
    case 'D1012':
      return `stopped: it ran longer than ${EVALUATION_LIMITS.ms} ms`;
    case 'D1011':
      return `stopped: more than ${EVALUATION_LIMITS.openSteps} steps open at once (runaway recursion?)`;
    case 'D2014':
    case 'D2015':
      return `stopped: a sequence of more than ${EVALUATION_LIMITS.sequence} items`;
    case 'HOOKD_TEXT':
    case 'HOOKD_LIMIT':
    case 'HOOKD_REGEX':
      return `stopped: ${e.message}`;
  }
  if (error instanceof RangeError) return `stopped: ${error.message}`;
  const where = typeof e.position === 'number' ? ` (at character ${e.position})` : '';
  return `failed: ${e.message ?? String(error)}${where}`;
}

type JsonataFunction = { _jsonata_function: true; implementation: (this: unknown, ...args: unknown[]) => unknown; signature: unknown };

/** A built-in with a check of its arguments before it runs. */
function guard(original: JsonataFunction, check: (args: unknown[]) => void): JsonataFunction {
  return {
    ...original,
    implementation(...args) {
      check(args);
      return original.implementation.apply(this, args);
    },
  };
}

const refuse = (message: string) => Object.assign(new Error(message), { code: 'HOOKD_LIMIT' });

const sortable = (name: string) => (args: unknown[]) => {
  if (Array.isArray(args[0]) && args[0].length > EVALUATION_LIMITS.sortItems) throw refuse(`${name} takes at most ${EVALUATION_LIMITS.sortItems} items`);
};

/** The guarded built-ins, built from jsonata's own (read by evaluating their names) once per process. */
const GUARDS: Promise<Map<string, JsonataFunction>> = (async () => {
  const original = async (name: string) => (await jsonata(`$${name}`).evaluate(null)) as JsonataFunction;
  return new Map([
    ['sort', guard(await original('sort'), sortable('$sort'))],
    ['distinct', guard(await original('distinct'), sortable('$distinct'))],
    ['pad', guard(await original('pad'), (args) => {
      if (typeof args[1] === 'number' && Math.abs(args[1]) > EVALUATION_LIMITS.text) throw refuse(`$pad makes at most ${EVALUATION_LIMITS.text} characters`);
    })],
  ]);
})();
