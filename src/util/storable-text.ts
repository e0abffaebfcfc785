/**
 * Text from outside (an endpoint's answer, an error's words) as every store can keep it: PostgreSQL's
 * text type refuses NUL (U+0000), and one refused attempt would stop its whole batch of outcomes from
 * being recorded. Each NUL becomes U+FFFD, as undecodable bytes already do.
 */
export function storableText<T extends string | null>(text: T): T {
  return (text !== null && text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text) as T;
}
