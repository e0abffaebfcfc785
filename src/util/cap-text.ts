/** Text cut to at most `capBytes` bytes of UTF-8 (what the attempt log keeps of a body). */
export function capText(text: string, capBytes: number): string {
  // Each UTF-16 unit is at most 3 bytes of UTF-8: most bodies are short enough to keep without measuring.
  if (text.length * 3 <= capBytes || Buffer.byteLength(text) <= capBytes) return text;
  return Buffer.from(text).subarray(0, capBytes).toString('utf8');
}
