/**
 * Payload filters: a webhook's `filter` decides, at publish, whether an event reaches it at all. Rules in
 * MongoDB's query style over `{type, data, metadata}`: dotted paths (array elements by index, or any
 * element), the operators $eq $neq $gt $gte $lt $lte $in $nin $exists $startsWith $endsWith $contains,
 * and $and $or $not. Matching is sift's (a maintained implementation of those semantics), given only these
 * operators; the rules are checked here first, so a bad one is refused when the webhook is saved, naming
 * where it is, and none can run code ($where) or a regular expression.
 */
import sift from 'sift';
import { Invalid } from './errors.ts';
import { validateJsonDepth } from './validation.ts';
import { BoundedMemo } from '../util/bounded-memo.ts';

// sift is CommonJS: Node's ESM loader does not see its named exports, so they are read off the default.
const { $and, $eq, $exists, $gt, $gte, $in, $lt, $lte, $ne, $nin, $not, $or, createEqualsOperation, createQueryTester } = sift as unknown as typeof import('sift');

/** Bounds of one filter: its JSON, its nesting, its conditions, an `$in` list, a string operand. */
export const FILTER_LIMITS = { bytes: 8 * 1024, depth: 8, conditions: 64, list: 100, text: 200, pathSegments: 10 } as const;

export type PayloadFilter = Record<string, unknown>;

/** What a filter looks at: the event as published. */
export interface FilteredEvent {
  type: string;
  data: unknown;
  metadata?: unknown;
}

type SiftOptions = Parameters<typeof createEqualsOperation>[2];

const textOperation = (test: (value: string, operand: string) => boolean) =>
  (operand: string, ownerQuery: unknown, options: SiftOptions) => createEqualsOperation((value: unknown) => typeof value === 'string' && test(value, operand), ownerQuery, options);

const OPERATIONS = {
  $eq, $ne, $neq: $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists, $and, $or, $not,
  $startsWith: textOperation((value, operand) => value.startsWith(operand)),
  $endsWith: textOperation((value, operand) => value.endsWith(operand)),
  $contains: textOperation((value, operand) => value.includes(operand)),
};

type Operand = 'scalar' | 'comparable' | 'list' | 'boolean' | 'text' | 'operators';
/** Each field operator and the operand it takes (a Map: an operator is the caller's text). */
const FIELD_OPERATORS = new Map<string, Operand>([
  ['$eq', 'scalar'], ['$neq', 'scalar'], ['$ne', 'scalar'],
  ['$gt', 'comparable'], ['$gte', 'comparable'], ['$lt', 'comparable'], ['$lte', 'comparable'],
  ['$in', 'list'], ['$nin', 'list'], ['$exists', 'boolean'],
  ['$startsWith', 'text'], ['$endsWith', 'text'], ['$contains', 'text'],
  ['$not', 'operators'],
]);
const ROOTS = new Set(['type', 'data', 'metadata']);
/** Names every object or array has by inheritance: a path through one would find the language, not the event. */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)]);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Checks a filter; returns it as given. Every refusal names the rule's place, e.g. `filter.$or.1.data.total.$gte`. */
export function validateFilter(filter: unknown, field = 'filter'): PayloadFilter {
  if (!isPlainObject(filter)) throw new Invalid(field, 'must be an object of rules, e.g. {"data.total": {"$gte": 100}}');
  // Depth first, without recursion: anything deeper than a valid filter can be is refused before it is walked.
  validateJsonDepth(filter, field, 4 * FILTER_LIMITS.depth);
  if (JSON.stringify(filter).length > FILTER_LIMITS.bytes) throw new Invalid(field, `must be at most ${FILTER_LIMITS.bytes} bytes of JSON`);
  const count = { conditions: 0 };
  checkRules(filter, field, 1, count);
  return filter;
}

function checkRules(rules: Record<string, unknown>, at: string, depth: number, count: { conditions: number }): void {
  if (depth > FILTER_LIMITS.depth) throw new Invalid(at, `nests deeper than ${FILTER_LIMITS.depth} levels`);
  if (Object.keys(rules).length === 0) throw new Invalid(at, 'is empty: give at least one rule');
  for (const [key, value] of Object.entries(rules)) {
    const place = `${at}.${key}`;
    if (++count.conditions > FILTER_LIMITS.conditions) throw new Invalid(place, `a filter holds at most ${FILTER_LIMITS.conditions} rules`);
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0 || value.length > 20) throw new Invalid(place, 'must be a list of 1 to 20 filters');
      value.forEach((rule, i) => {
        if (!isPlainObject(rule)) throw new Invalid(`${place}.${i}`, 'must be an object of rules');
        checkRules(rule, `${place}.${i}`, depth + 1, count);
      });
    } else if (key === '$not') {
      if (!isPlainObject(value)) throw new Invalid(place, 'must be an object of rules');
      checkRules(value, place, depth + 1, count);
    } else if (key.startsWith('$')) {
      throw new Invalid(place, `"${key}" is not an operator here: use $and, $or or $not, or a path such as data.total`);
    } else {
      checkPath(key, place);
      checkCondition(value, place, depth + 1, count);
    }
  }
}

function checkPath(path: string, place: string): void {
  const segments = path.split('.');
  if (!ROOTS.has(segments[0])) throw new Invalid(place, `a path starts with type, data or metadata (not "${segments[0]}")`);
  if (segments.length > FILTER_LIMITS.pathSegments) throw new Invalid(place, `a path has at most ${FILTER_LIMITS.pathSegments} parts`);
  for (const segment of segments) {
    if (segment === '' || segment.length > 100) throw new Invalid(place, 'a path is names (or array indexes) joined by dots');
    if (INHERITED.has(segment)) throw new Invalid(place, `"${segment}" cannot be part of a path`);
  }
}

/** A field's condition: a plain value (equality) or an object of operators. */
function checkCondition(condition: unknown, place: string, depth: number, count: { conditions: number }): void {
  if (!isPlainObject(condition)) {
    if (!isScalar(condition)) throw new Invalid(place, 'must be a string, number, boolean or null, or an object of operators');
    checkScalar(condition, place);
    return;
  }
  if (depth > FILTER_LIMITS.depth) throw new Invalid(place, `nests deeper than ${FILTER_LIMITS.depth} levels`);
  if (Object.keys(condition).length === 0) throw new Invalid(place, 'is empty: give an operator such as $eq');
  for (const [operator, operand] of Object.entries(condition)) {
    const where = `${place}.${operator}`;
    const kind = FIELD_OPERATORS.get(operator);
    if (kind === undefined) throw new Invalid(where, `unknown operator "${operator.slice(0, 40)}" (known: ${[...FIELD_OPERATORS.keys()].filter((op) => op !== '$ne').join(' ')})`);
    if (++count.conditions > FILTER_LIMITS.conditions) throw new Invalid(where, `a filter holds at most ${FILTER_LIMITS.conditions} rules`);
    checkOperand(kind, operand, where, depth, count);
  }
}

function checkOperand(kind: Operand, operand: unknown, where: string, depth: number, count: { conditions: number }): void {
  switch (kind) {
    case 'scalar':
      if (!isScalar(operand)) throw new Invalid(where, 'takes a string, number, boolean or null');
      return checkScalar(operand, where);
    case 'comparable':
      if (typeof operand !== 'number' && typeof operand !== 'string') throw new Invalid(where, 'takes a number or a string');
      return checkScalar(operand, where);
    case 'list':
      if (!Array.isArray(operand) || operand.length > FILTER_LIMITS.list || !operand.every(isScalar)) {
        throw new Invalid(where, `takes a list of at most ${FILTER_LIMITS.list} strings, numbers, booleans or nulls`);
      }
      operand.forEach((item, i) => checkScalar(item, `${where}.${i}`));
      return;
    case 'boolean':
      if (typeof operand !== 'boolean') throw new Invalid(where, 'takes true or false');
      return;
    case 'text':
      if (typeof operand !== 'string' || operand.length === 0 || operand.length > FILTER_LIMITS.text) throw new Invalid(where, `takes a string of 1 to ${FILTER_LIMITS.text} characters`);
      return;
    case 'operators':
      if (!isPlainObject(operand)) throw new Invalid(where, 'takes an object of operators, e.g. {"$lt": 100}');
      return checkCondition(operand, where, depth + 1, count);
  }
}

function checkScalar(value: unknown, where: string): void {
  if (typeof value === 'string' && value.length > FILTER_LIMITS.text) throw new Invalid(where, `a string of at most ${FILTER_LIMITS.text} characters`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Invalid(where, 'must be a finite number');
}

/** Compiled testers by the filter's stored text: compiled once per webhook version, not per event. */
const compiled = new BoundedMemo(10_000, (text: string) => createQueryTester(JSON.parse(text) as object, { operations: OPERATIONS }) as (event: FilteredEvent) => boolean);

/** Whether `event` passes the filter stored as `filterJson` (no filter: every event passes). */
export function passes(filterJson: string | null, event: FilteredEvent): boolean {
  return filterJson === null || compiled.get(filterJson)(event);
}
