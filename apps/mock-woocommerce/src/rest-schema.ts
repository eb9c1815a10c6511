// WordPress validates every registered argument of a route before the handler runs
// (`WP_REST_Request::has_valid_params` → `rest_validate_value_from_schema`, wp-includes/rest-api.php)
// and answers 400 `rest_invalid_param` with one entry per bad argument. This is that validator,
// for the schema features the WooCommerce routes use, with WordPress's codes and messages.
import { parseRestDate } from './dates';
import { WpError } from './errors';

export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** One argument's JSON schema, as a route registers it. No `type` accepts anything ("mixed"). */
export interface ArgSchema {
  type?: SchemaType | readonly SchemaType[];
  enum?: readonly string[];
  format?: 'date-time' | 'email' | 'uri';
  minimum?: number;
  maximum?: number;
  properties?: Readonly<Record<string, ArgSchema>>;
  items?: ArgSchema;
  required?: boolean;
  default?: unknown;
  /**
   * An explicit `sanitize_callback` without a `validate_callback`: WordPress then skips schema
   * validation and only parses the value (`wp_parse_id_list` / `wp_parse_list`).
   */
  parse?: 'id-list' | 'list';
}

export type ArgSchemas = Readonly<Record<string, ArgSchema>>;

interface Issue {
  code: string;
  message: string;
}

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** PHP's `is_numeric`. */
export const isNumeric = (value: unknown): boolean =>
  typeof value === 'number'
    ? Number.isFinite(value)
    : typeof value === 'string' && NUMERIC.test(value);

const isInteger = (value: unknown) => isNumeric(value) && Number.isInteger(Number(value));
const isBoolean = (value: unknown) =>
  typeof value === 'boolean' ||
  value === 0 ||
  value === 1 ||
  (typeof value === 'string' && ['true', 'false', '1', '0'].includes(value.toLowerCase()));
const isObject = (value: unknown) => value !== null && typeof value === 'object';

/** `wp_parse_list`: a list, or a string of values separated by commas and spaces. */
export function parseList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value as object);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((part) => part !== '');
  return [value];
}

const isArray = (value: unknown) =>
  Array.isArray(value) ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  (isObject(value) && Object.keys(value as object).every((key, index) => key === String(index)));

const TYPE_CHECKS: Record<SchemaType, (value: unknown) => boolean> = {
  array: isArray,
  object: isObject,
  integer: isInteger,
  number: isNumeric,
  boolean: isBoolean,
  string: (value) => typeof value === 'string',
  null: (value) => value === null,
};
// rest_get_best_type_for_value tries the types in this order.
const TYPE_ORDER: readonly SchemaType[] = [
  'array',
  'object',
  'integer',
  'number',
  'boolean',
  'string',
  'null',
];

/** `is_email`, closely enough: a local part, an `@`, a dotted domain, at least 6 characters. */
const isEmail = (value: string) =>
  value.length >= 6 &&
  /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/.test(value);

/** `wp_sprintf`'s `%l`: "a, b, and c", "a and b". */
function listSentence(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' and ');
  return `${values.slice(0, -1).join(', ')}, and ${values.at(-1)}`;
}

function typeOf(schema: ArgSchema, value: unknown): SchemaType | undefined {
  if (schema.type === undefined) return undefined;
  const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
  return TYPE_ORDER.find((type) => types.includes(type) && TYPE_CHECKS[type](value));
}

/**
 * Validates one value against its schema; the first problem, with WordPress's code and message,
 * or `undefined`. `name` is how WordPress names nested values: `billing[email]`, `line_items[0]`.
 *
 * @example
 * validateValue({ type: 'integer', minimum: 1, maximum: 100 }, '101', 'per_page');
 * // { code: 'rest_out_of_bounds', message: 'per_page must be between 1 (inclusive) and 100 (inclusive)' }
 */
export function validateValue(schema: ArgSchema, value: unknown, name: string): Issue | undefined {
  const type = typeOf(schema, value);
  if (schema.type !== undefined && type === undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    return { code: 'rest_invalid_type', message: `${name} is not of type ${types.join(',')}.` };
  }
  if (type === 'array' && schema.items !== undefined) {
    const items = parseList(value);
    for (const [index, item] of items.entries()) {
      const issue = validateValue(schema.items, item, `${name}[${index}]`);
      if (issue !== undefined) return issue;
    }
  }
  if (type === 'object' && schema.properties !== undefined) {
    for (const [property, inner] of Object.entries(value as Record<string, unknown>)) {
      const propertySchema = schema.properties[property];
      if (propertySchema === undefined) continue;
      const issue = validateValue(propertySchema, inner, `${name}[${property}]`);
      if (issue !== undefined) return issue;
    }
  }
  if (schema.enum !== undefined && (type === 'string' || type === undefined)) {
    if (!schema.enum.includes(String(value))) {
      return {
        code: 'rest_not_in_enum',
        message: `${name} is not one of ${listSentence(schema.enum)}.`,
      };
    }
  }
  if (type === 'integer' || type === 'number') {
    const number = Number(value);
    const { minimum, maximum } = schema;
    if (minimum !== undefined && maximum !== undefined && (number < minimum || number > maximum)) {
      return {
        code: 'rest_out_of_bounds',
        message: `${name} must be between ${minimum} (inclusive) and ${maximum} (inclusive)`,
      };
    }
    if (minimum !== undefined && maximum === undefined && number < minimum) {
      return {
        code: 'rest_out_of_bounds',
        message: `${name} must be greater than or equal to ${minimum}`,
      };
    }
  }
  if (type === 'string' && schema.format !== undefined) {
    const text = value as string;
    if (schema.format === 'date-time' && parseRestDate(text) === undefined) {
      return { code: 'rest_invalid_date', message: 'Invalid date.' };
    }
    if (schema.format === 'email' && !isEmail(text)) {
      return { code: 'rest_invalid_email', message: 'Invalid email address.' };
    }
    if (schema.format === 'uri' && !URL.canParse(text)) {
      return { code: 'rest_invalid_url', message: 'Invalid URL.' };
    }
  }
  return undefined;
}

/** `rest_sanitize_value_from_schema` for the types the routes use. */
export function sanitizeValue(schema: ArgSchema, value: unknown): unknown {
  if (schema.parse === 'id-list') {
    return [...new Set(parseList(value).map((item) => Math.abs(Math.trunc(Number(item))) || 0))];
  }
  if (schema.parse === 'list') return parseList(value).map(String);
  const type = typeOf(schema, value);
  switch (type) {
    case 'integer':
      return Math.trunc(Number(value));
    case 'number':
      return Number(value);
    case 'boolean':
      return value === true || value === 1 || ['true', '1'].includes(String(value).toLowerCase());
    case 'array': {
      const items = parseList(value);
      return schema.items === undefined
        ? items
        : items.map((item) => sanitizeValue(schema.items as ArgSchema, item));
    }
    default:
      return value;
  }
}

/**
 * Checks a request's parameters against a route's argument schemas as WordPress does before the
 * handler runs: missing required arguments first (`rest_missing_callback_param`), then every
 * present, non-null argument (`rest_invalid_param` listing each bad one). Returns the sanitized
 * values with the schema defaults filled in; throws the {@link WpError}.
 *
 * @example
 * validateArgs({ per_page: { type: 'integer', minimum: 1, maximum: 100, default: 10 } }, {});
 * // { per_page: 10 }
 */
export function validateArgs(
  schemas: ArgSchemas,
  params: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const missing = Object.entries(schemas)
    .filter(
      ([name, schema]) => schema.required && (params[name] === undefined || params[name] === null),
    )
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new WpError(
      'rest_missing_callback_param',
      `Missing parameter(s): ${missing.join(', ')}`,
      400,
      {
        params: missing,
      },
    );
  }
  const invalid: Record<string, string> = {};
  const details: Record<string, { code: string; message: string; data: null }> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const value = params[name];
    if (value === undefined || value === null || schema.parse !== undefined) continue;
    const issue = validateValue(schema, value, name);
    if (issue !== undefined) {
      invalid[name] = issue.message;
      details[name] = { ...issue, data: null };
    }
  }
  if (Object.keys(invalid).length > 0) {
    throw new WpError(
      'rest_invalid_param',
      `Invalid parameter(s): ${Object.keys(invalid).join(', ')}`,
      400,
      { params: invalid, details },
    );
  }
  const values: Record<string, unknown> = { ...params };
  for (const [name, schema] of Object.entries(schemas)) {
    const value = params[name];
    if (value === undefined || value === null) {
      if (schema.default !== undefined) values[name] = sanitizeValue(schema, schema.default);
      continue;
    }
    values[name] = sanitizeValue(schema, value);
  }
  return values;
}
