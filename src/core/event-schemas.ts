/**
 * JSON Schemas (draft 2020-12) on a workspace's own event types: a publish whose data does not match is
 * refused (422) naming the failing place and rule, and nothing is stored. Compiled by ajv once per schema
 * text. A schema is the caller's: it is bounded, and may hold none of the keywords that could make checking
 * one event take minutes (a regular expression: `pattern`, `patternProperties`; `uniqueItems`, quadratic
 * in an array of objects), nor a reference ajv would have to fetch.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Invalid, Unprocessable } from './errors.ts';
import { BoundedMemo } from '../util/bounded-memo.ts';
import { validateJsonDepth } from './validation.ts';

export const SCHEMA_LIMITS = { bytes: 64 * 1024, depth: 32 } as const;
const SLOW_KEYWORDS = new Set(['pattern', 'patternProperties', 'uniqueItems']);

// Unknown keywords are refused (a typo would silently check nothing); omissions the standard allows are not.
const ajv = new Ajv2020({ allErrors: false, validateSchema: true, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false });
(addFormats as unknown as (instance: Ajv2020) => void)(ajv);

/**
 * Compiled once per schema text. ajv keeps every schema it compiles in a cache of its own: removed at once,
 * so that many workspaces' schemas over time cannot grow it (the validate function keeps what it needs).
 */
const compiled = new BoundedMemo(1000, (text: string): ValidateFunction => {
  const schema = JSON.parse(text) as object;
  try {
    return ajv.compile(schema);
  } finally {
    ajv.removeSchema(schema);
  }
});

/** Checks a schema (bounds, no regular expressions, compiles); returns it as given. */
export function validateEventSchema(schema: unknown, field = 'schema'): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Invalid(field, 'must be a JSON Schema object (draft 2020-12)');
  validateJsonDepth(schema, field, SCHEMA_LIMITS.depth);
  const text = JSON.stringify(schema);
  if (text.length > SCHEMA_LIMITS.bytes) throw new Invalid(field, `must be at most ${SCHEMA_LIMITS.bytes} bytes of JSON`);
  const slow = findKeyword(schema, SLOW_KEYWORDS);
  if (slow) throw new Invalid(`${field}${slow}`, 'pattern, patternProperties and uniqueItems are not allowed in event schemas: checking them can take a very long time');
  try {
    compiled.get(text);
  } catch (error) {
    throw new Invalid(field, `is not a usable JSON Schema: ${(error as Error).message.slice(0, 300)}`);
  }
  return schema as Record<string, unknown>;
}

/** Refuses `data` that does not match the schema stored as `schemaText`, naming where and which rule. */
export function checkEventData(schemaText: string, data: unknown): void {
  const validate = compiled.get(schemaText);
  if (validate(data)) return;
  const [error] = validate.errors ?? [];
  const place = `data${(error?.instancePath ?? '').replace(/\//g, '.')}`;
  throw new Unprocessable(place, `${place} ${error?.message ?? 'does not match'} (schema rule ${error?.schemaPath ?? '?'})`);
}

/** Keywords whose object maps names (not keywords) to schemas: a property called "pattern" is no regex. */
const NAME_MAPS = new Set(['properties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose values are data, not schemas. */
const DATA_VALUES = new Set(['enum', 'const', 'default', 'examples', 'required', 'dependentRequired']);

/** The path (`.properties.name.pattern`) of the first schema keyword in `keywords`, anywhere in `schema`. */
function findKeyword(schema: unknown, keywords: ReadonlySet<string>): string | null {
  // [value, its path, whether its keys are names rather than keywords]
  const pending: Array<[unknown, string, boolean]> = [[schema, '', false]];
  while (pending.length > 0) {
    const [item, at, names] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    for (const [key, inner] of Object.entries(item)) {
      const keyword = !names && !Array.isArray(item);
      if (keyword && keywords.has(key)) return `${at}.${key}`;
      if (keyword && DATA_VALUES.has(key)) continue;
      pending.push([inner, `${at}.${key}`, keyword && NAME_MAPS.has(key)]);
    }
  }
  return null;
}
