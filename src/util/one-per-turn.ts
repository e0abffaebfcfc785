/**
 * Runs each item given to it in a turn of the event loop of its own (setImmediate), in the order given:
 * between two items, the loop reads what has come in meanwhile (requests on its sockets) and answers it.
 */
export class OnePerTurn<T> {
  readonly #waiting: T[] = [];
  #scheduled = false;

  constructor(private readonly run: (item: T) => void) {}

  add(item: T): void {
    this.#waiting.push(item);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(this.#next);
  }

  readonly #next = (): void => {
    const item = this.#waiting.shift() as T;
    // Scheduled before the item runs: an item that throws must not leave the others waiting forever.
    if (this.#waiting.length > 0) setImmediate(this.#next);
    else this.#scheduled = false;
    this.run(item);
  };
}
