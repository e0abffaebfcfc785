/**
 * Schema validation for every face. Bodies are validated strictly (no type coercion, unknown fields
 * refused, nothing silently removed); query strings and path params are coerced, as they are text.
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: coerce,
    allErrors: false,
    strict: false,
  });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `url` or `headers.X-Token` (query/path fields as named). */
  field: string;
  message: string;
}

export function describeValidation(errors: ErrorObject[], context: string | undefined): FieldProblem {
  const error = errors[0];
  const path = error.instancePath.split('/').filter(Boolean).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') path.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') {
    path.push(String(params.additionalProperty));
    return { field: path.join('.'), message: `unknown field "${path.join('.')}"` };
  }
  const field = path.join('.') || (context ?? 'body');
  const where = context && context !== 'body' ? `${context} ` : '';
  if (error.keyword === 'required') return { field, message: `${where}field "${field}" is required` };
  if (error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[]).map((value) => String(value)).join(', ');
    return { field, message: `${where}field "${field}" must be one of: ${allowed}` };
  }
  return { field, message: `${where}field "${field}" ${error.message ?? 'is invalid'}` };
}
