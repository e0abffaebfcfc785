/** Options as the API takes them: only those the caller gave, as text, under the API's names. */

/** `given(options, { webhook: 'webhookId', after: 'after' })` → `{ webhookId: '…' }` when only --webhook was given. */
export function given<K extends string>(options: Record<string, unknown>, names: Record<string, K>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [option, name] of Object.entries(names)) {
    if (options[option] !== undefined) out[name] = String(options[option]);
  }
  return out;
}

/** `--events 'order.*, product.created'` → `['order.*', 'product.created']`. */
export const commaList = (text: unknown): string[] => String(text).split(',').map((part) => part.trim()).filter((part) => part !== '');
