/**
 * How answers are written: JSON.stringify, whatever the route's response schema says (the schemas document
 * the API; they must never drop or reshape a field). With HOOKD_CHECK_RESPONSES, as in hookd's own tests,
 * every answer is first checked against its documented schema, and one that does not match fails the
 * request with a 500 naming the mismatch, so the documentation cannot drift from what is sent.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySerializerCompiler } from 'fastify';

const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (ajv: Ajv) => void)(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

/** Throws, naming `what`, when `sent` (as JSON would carry it) does not match `schema`. */
export function checkAnswer(schema: object, sent: unknown, what: string): void {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(sent)) throw new Error(`the answer to ${what} does not match its documented schema: ${ajv.errorsText(validate.errors)}`);
}

export function serializerCompiler(check: boolean): FastifySerializerCompiler<unknown> {
  if (!check) return () => (data) => JSON.stringify(data);
  return ({ schema, url, method, httpStatus }) => (data) => {
    // Fastify passes the value as the handler sent it: a Date or a class would reach JSON as JSON does.
    checkAnswer(schema as object, JSON.parse(JSON.stringify(data) ?? 'null'), `${method} ${url} (${httpStatus})`);
    return JSON.stringify(data);
  };
}
