/** Terminates the dispatcher thread started last (of the hookd started last); false if none runs. */
export function endNewestDispatcherThread(): Promise<boolean>;
