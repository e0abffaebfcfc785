/** How values are shown: times, rates, durations, JSON. Every value reaches the page through lit-html, which escapes it. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(rate >= 0.999 || rate === 0 ? 0 : 1)} %`;
}

export function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${Math.round(value)} ms`;
}

/** A body as sent or received: pretty-printed when it is JSON, as it is otherwise. */
export function prettyBody(body: string | null | undefined): string {
  if (body === null || body === undefined) return '(not kept)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export const prettyJson = (value: unknown): string => JSON.stringify(value, null, 2);

/** `datetime-local` input → RFC 3339, or undefined when empty. */
export function isoFromLocal(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
