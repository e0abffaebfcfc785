/**
 * How answers are written: JSON.stringify, whatever the route's response schema says (the schemas document
 * the API; they must never drop or reshape a field). With HOOKD_CHECK_RESPONSES, as in hookd's own tests,
 * every answer is first checked against its documented schema, and one that does not match fails the
 * request with a 500 naming the mismatch, so the documentation cannot drift from what is sent.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySerializerCompiler } from 'fastify';

export function serializerCompiler(check: boolean): FastifySerializerCompiler<unknown> {
  if (!check) return () => (data) => JSON.stringify(data);
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ({ schema, url, method, httpStatus }) => {
    const validate = ajv.compile(schema as object);
    return (data) => {
      // Fastify passes the value as the handler sent it: a Date or a class would reach JSON as JSON does.
      const sent = JSON.parse(JSON.stringify(data) ?? 'null') as unknown;
      if (!validate(sent)) {
        throw new Error(`the answer to ${method} ${url} (${httpStatus}) does not match its documented schema: ${ajv.errorsText(validate.errors)}`);
      }
      return JSON.stringify(data);
    };
  };
}
