/**
 * Shrinks a failing request while it still fails the same way: headers, query parameters, JSON members and
 * array elements left out one at a time, long runs (strings, nesting) halved. Greedy and bounded.
 */
import type { FuzzRequest } from './request.ts';

export type StillFails = (candidate: FuzzRequest) => Promise<boolean>;

function withBody(request: FuzzRequest, body: string | Buffer | undefined): FuzzRequest {
  return { ...request, headers: [...request.headers], notes: [...request.notes], body, learn: undefined };
}

/** The longest run of one repeated character (a long string), to halve. */
function longestRun(text: string): { start: number; unit: string; count: number } | null {
  let best: { start: number; unit: string; count: number } | null = null;
  let i = 0;
  while (i < text.length) {
    let j = i + 1;
    while (j < text.length && text[j] === text[i]) j++;
    if (j - i >= 16 && !'[]{}'.includes(text[i]) && (!best || j - i > best.count)) best = { start: i, unit: text[i], count: j - i };
    i = j;
  }
  return best;
}

const NESTING: Array<[string, string]> = [['{"k":[', ']}'], ['{"a":', '}'], ['{"k":', '}'], ['[', ']']];

/** Halves the deepest run of nesting anywhere in the text: the opening run and a closing run after it, together. */
function halveNesting(text: string): string | null {
  for (const [open, close] of NESTING) {
    let best = { at: -1, count: 0 };
    let at = text.indexOf(open);
    while (at >= 0) {
      let count = 0;
      while (text.startsWith(open, at + count * open.length)) count++;
      if (count > best.count) best = { at, count };
      at = text.indexOf(open, at + Math.max(1, count) * open.length);
    }
    if (best.count < 8) continue;
    const remove = Math.floor(best.count / 2);
    const closing = close.repeat(remove);
    const closeAt = text.indexOf(closing, best.at + best.count * open.length);
    if (closeAt < 0) continue;
    return text.slice(0, best.at) + text.slice(best.at + remove * open.length, closeAt) + text.slice(closeAt + closing.length);
  }
  return null;
}

/** The top-level members of a JSON array or object, as text slices (no parsing: the values may be too deep to re-serialise). */
function topLevel(text: string): { kind: '[' | '{'; items: string[] } | null {
  const trimmed = text.trim();
  const kind = trimmed[0];
  if (kind !== '[' && kind !== '{') return null;
  const items: string[] = [];
  let depth = 0;
  let inString = false;
  let from = 1;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        if (trimmed.slice(from, i).trim() !== '') items.push(trimmed.slice(from, i).trim());
        return i === trimmed.length - 1 ? { kind, items } : null;
      }
    } else if (c === ',' && depth === 1) {
      items.push(trimmed.slice(from, i).trim());
      from = i + 1;
    }
  }
  return null;
}

function textCandidates(text: string): string[] {
  const out: string[] = [];
  const top = topLevel(text);
  if (top && top.items.length > 1) {
    const wrap = (items: string[]) => (top.kind === '[' ? `[${items.join(',')}]` : `{${items.join(',')}}`);
    // Halves first (a binary search through a big batch), then each member alone (a batch of one, then bare).
    const half = Math.ceil(top.items.length / 2);
    out.push(wrap(top.items.slice(0, half)), wrap(top.items.slice(half)));
    if (top.kind === '[' && top.items.length <= 4) {
      for (const item of top.items) out.push(`[${item}]`);
      for (const item of top.items) out.push(item);
    }
    for (let i = 0; i < Math.min(top.items.length, 30); i++) out.push(wrap(top.items.filter((_x, j) => j !== i)));
  }
  if (top && top.kind === '[' && top.items.length === 1) out.push(top.items[0]);
  const halved = halveNesting(text);
  if (halved !== null) out.push(halved);
  const run = longestRun(text);
  if (run) out.push(text.slice(0, run.start) + run.unit.repeat(Math.max(1, Math.floor(run.count / 2))) + text.slice(run.start + run.count));
  return out;
}

function jsonCandidates(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (JSON.stringify(value) === undefined) return [];
  } catch {
    return [];
  }
  const out: string[] = [];
  const emit = (v: unknown) => {
    try {
      const s = JSON.stringify(v);
      if (s !== undefined && s !== text) out.push(s);
    } catch {
      // too deep for this process's stack: the run-halving candidates cover it
    }
  };
  // Paths to containers, breadth first, bounded.
  const paths: Array<Array<string | number>> = [];
  const queue: Array<[unknown, Array<string | number>]> = [[value, []]];
  while (queue.length > 0 && paths.length < 80) {
    const [node, path] = queue.shift() as [unknown, Array<string | number>];
    if (node === null || typeof node !== 'object') continue;
    paths.push(path);
    if (Array.isArray(node)) node.slice(0, 20).forEach((child, i) => queue.push([child, [...path, i]]));
    else for (const key of Object.keys(node).slice(0, 30)) queue.push([(node as Record<string, unknown>)[key], [...path, key]]);
  }
  const copyAt = (path: Array<string | number>, edit: (node: any) => void) => {
    const copy = structuredClone(value) as any;
    let node = copy;
    for (const step of path) node = node[step];
    edit(node);
    return copy;
  };
  for (const path of paths) {
    let node: any = value;
    for (const step of path) node = node[step];
    if (Array.isArray(node)) {
      if (node.length > 1) emit(copyAt(path, (n) => { n.length = Math.ceil(n.length / 2); }));
      for (let i = 0; i < Math.min(node.length, 10); i++) emit(copyAt(path, (n) => n.splice(i, 1)));
    } else {
      for (const key of Object.keys(node)) emit(copyAt(path, (n) => { delete n[key]; }));
      for (const key of Object.keys(node)) {
        const child = node[key];
        if (typeof child === 'string' && child.length > 16) emit(copyAt(path, (n) => { n[key] = child.slice(0, Math.ceil(child.length / 2)); }));
        if (child !== null && typeof child === 'object') emit(copyAt(path, (n) => { n[key] = Array.isArray(child) ? [] : {}; }));
      }
    }
  }
  return out;
}

/** Every candidate (a candidate that cannot be built, e.g. too deep to copy, is left out). */
function safely(build: () => string[]): string[] {
  try {
    return build();
  } catch {
    return [];
  }
}

function candidates(request: FuzzRequest): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const text = typeof request.body === 'string' ? request.body : request.body?.toString('utf8');
  if (text !== undefined && text.length > 0) {
    for (const body of safely(() => textCandidates(text))) out.push(withBody(request, body));
    for (const body of safely(() => jsonCandidates(text))) out.push(withBody(request, body));
  }
  // Query parameters, one at a time (OAuth ones go together: one alone only breaks the signature).
  const [pathname, query] = request.path.split(/\?(.*)/s);
  if (query) {
    const params = query.split('&');
    if (params.length > 1) {
      const half = params.slice(0, Math.ceil(params.length / 2));
      out.push({ ...withBody(request, request.body), path: `${pathname}?${half.join('&')}` });
    }
    for (let i = 0; i < Math.min(params.length, 40); i++) {
      const rest = params.filter((_p, j) => j !== i);
      out.push({ ...withBody(request, request.body), path: rest.length > 0 ? `${pathname}?${rest.join('&')}` : pathname });
    }
  }
  for (let i = 0; i < request.headers.length; i++) {
    const candidate = withBody(request, request.body);
    candidate.headers.splice(i, 1);
    out.push(candidate);
  }
  if (request.headers.length > 8) {
    const candidate = withBody(request, request.body);
    candidate.headers = candidate.headers.filter(([name]) => !/^x-h\d+$/.test(name));
    out.unshift(candidate);
  }
  return out;
}

export async function shrink(request: FuzzRequest, stillFails: StillFails, budget: number): Promise<{ request: FuzzRequest; tries: number }> {
  let current = request;
  let tries = 0;
  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    for (const candidate of candidates(current)) {
      if (tries >= budget) break;
      tries++;
      if (await stillFails(candidate)) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return { request: current, tries };
}
