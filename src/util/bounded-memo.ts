/**
 * Remembers values that are cheap to rebuild but not on every delivery (a decrypted secret, an HMAC key,
 * a parsed URL), keyed by what they are built from. When full it forgets everything: the working set is
 * a few values per webhook, so a rare rebuild costs less than tracking recency.
 */
export class BoundedMemo<K, V> {
  readonly #values = new Map<K, V>();

  constructor(private readonly limit: number, private readonly build: (key: K) => V) {}

  get(key: K): V {
    let value = this.#values.get(key);
    if (value === undefined) {
      value = this.build(key);
      if (this.#values.size >= this.limit) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }
}
