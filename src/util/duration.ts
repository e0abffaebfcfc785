/** Parses human durations such as `500ms`, `5s`, `30m`, `2h`, `5d` (a bare number is milliseconds). */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration (examples: 500ms, 5s, 30m, 2h, 5d)`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']);
}

/** Parses a comma-separated list of durations, as in HOOKD_RETRY_SCHEDULE. */
export function parseDurationList(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  return parts.map(parseDuration);
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
