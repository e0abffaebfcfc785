/**
 * Transforms in isolation: the bounded evaluator (runaway expressions stopped by time, open steps,
 * sequence and string length; built-ins that do much in one step bounded; no regular expressions), the
 * result contract (request or body; method, headers, path suffix) and what is refused when saved.
 */
import { describe, expect, it } from 'vitest';
import { Invalid } from '../../src/core/errors.ts';
import { runTransform, validateTransform, withTransformHeaders, type TransformInput } from '../../src/core/payload-transform.ts';
import { appendPath } from '../../src/core/transform-path.ts';

const event: TransformInput = { id: 'msg_1', type: 'order.created', timestamp: '2024-05-01T12:00:00.000Z', data: { id: 42, total: 9.5, items: [{ sku: 'A' }, { sku: 'B' }] } };
const URL_ = 'https://shop.example.com/hooks?tenant=7';

async function run(expression: string, input: TransformInput = event) {
  validateTransform(expression);
  const started = performance.now();
  const outcome = await runTransform(expression, input, URL_);
  return { outcome, ms: performance.now() - started };
}

async function failure(expression: string, input: TransformInput = event): Promise<string> {
  const { outcome, ms } = await run(expression, input);
  if (outcome.ok) throw new Error(`expected ${expression} to fail, got ${JSON.stringify(outcome.request)}`);
  // Stopped promptly: within a few times the 50 ms limit, whatever the expression tries.
  expect(ms, expression).toBeLessThan(1_000);
  return outcome.error;
}

const saveError = (expression: unknown): string => {
  try {
    validateTransform(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).field).toBe('transform');
    return (error as Error).message;
  }
  throw new Error(`expected ${String(expression)} to be refused`);
};

describe('transform results', () => {
  it('sends any result but a request description as the body, as JSON', async () => {
    expect((await run('{"order": data.id, "kind": type, "skus": data.items.sku}')).outcome)
      .toEqual({ ok: true, request: { url: URL_, method: 'POST', headers: {}, body: '{"order":42,"kind":"order.created","skus":["A","B"]}' } });
    expect((await run('data.total')).outcome).toMatchObject({ ok: true, request: { body: '9.5' } });
    expect((await run('"text"')).outcome).toMatchObject({ ok: true, request: { body: '"text"' } });
    // An object with other keys besides the four is a body.
    expect((await run('{"body": 1, "extra": 2}')).outcome).toMatchObject({ ok: true, request: { body: '{"body":1,"extra":2}', method: 'POST' } });
  });

  it('takes method, headers and a path suffix from a request description', async () => {
    const { outcome } = await run('{"body": {"id": data.id}, "method": "PUT", "headers": {"X-Event": type, "Authorization": "Bearer t"}, "path": "/orders/" & data.id & "?v=2"}');
    expect(outcome).toEqual({
      ok: true,
      request: { url: 'https://shop.example.com/hooks/orders/42?tenant=7&v=2', method: 'PUT', headers: { 'X-Event': 'order.created', Authorization: 'Bearer t' }, body: '{"id":42}' },
    });
  });

  it('refuses a result it cannot send, saying why', async () => {
    expect(await failure('{"method": "PUT"}')).toMatch(/a request needs a body/);
    expect(await failure('{"body": 1, "method": "DELETE"}')).toMatch(/method must be "POST" or "PUT"/);
    expect(await failure('{"body": 1, "headers": {"webhook-signature": "v1,x"}}')).toMatch(/headers\.webhook-signature: is set by hookd/);
    expect(await failure('{"body": 1, "headers": {"X-A": "line\\nbreak"}}')).toMatch(/headers\.X-A: must be one line/);
    expect(await failure('{"body": 1, "headers": {"X-A": 1}}')).toMatch(/headers\.X-A: must be a string/);
    expect(await failure('{"body": 1, "headers": "x"}')).toMatch(/headers must be an object/);
    expect(await failure('{"body": 1, "path": "//evil.example"}')).toMatch(/path/);
    expect(await failure('data.nothing')).toMatch(/gave nothing/);
    expect(await failure('{"body": function($x){$x}}')).toMatch(/holds a function/);
    // The big string comes with the event: built by $pad it took most of the 50 ms limit, and under a
    // loaded test run the time limit struck first.
    const big = { ...event, data: { s: 'x'.repeat(600_000) } };
    expect(await failure('[data.s, data.s]', big)).toMatch(/larger than 1048576 bytes/);
  });
});

describe('path suffixes', () => {
  it('appends a path and a query to the webhook URL', () => {
    expect(appendPath('https://h.example/hooks', '/a/b')).toBe('https://h.example/hooks/a/b');
    expect(appendPath('https://h.example/hooks/', '/a')).toBe('https://h.example/hooks/a');
    expect(appendPath('https://h.example', '/a')).toBe('https://h.example/a');
    expect(appendPath('https://h.example/hooks?x=1', '?y=2')).toBe('https://h.example/hooks?x=1&y=2');
    expect(appendPath('http://h.example:8080/x', '/%41b@c:d')).toBe('http://h.example:8080/x/%41b@c:d');
  });

  it('never reaches another host, scheme or a path above the webhook\'s', () => {
    for (const suffix of ['//evil.example/x', '@evil.example', 'http://evil.example', 'evil', '/a#frag', '/a\\b', '/a b', '/a/../../x', '/..', '/%2e%2E/x', '/.%2e/x',
      '/./x', '/é', '', 'x'.repeat(1025), '/%zz', '?a#b']) {
      expect(() => appendPath('https://h.example/hooks', suffix), suffix).toThrow();
    }
    expect(() => appendPath('https://h.example/hooks', 42)).toThrow(/string/);
  });
});

describe('bounded evaluation', () => {
  it('stops an endless loop after the time limit', async () => {
    expect(await failure('($f := function($n){ $f($n + 1) }; $f(0))')).toBe('transform stopped: it ran longer than 50 ms');
    expect(await failure('($loop := function($i){ $i < 1e12 ? $loop($i + 1) : $i }; $loop(0))')).toMatch(/ran longer than 50 ms/);
  });

  it('stops runaway recursion', async () => {
    expect(await failure('($f := function($n){ 1 + $f($n + 1) }; $f(0))')).toMatch(/transform stopped: (more than 10000 steps open|it ran longer)/);
  });

  it('stops sequences and strings that grow past their bounds', async () => {
    expect(await failure('[1..10000000]')).toMatch(/a sequence of more than 100000 items/);
    expect(await failure('$count([1..200000])')).toMatch(/a sequence of more than 100000 items/);
    expect(await failure('$reduce([1..40], function($a, $b){ $a & $a }, "xx")')).toMatch(/a string of more than 1048576 characters/);
    expect(await failure('$pad("", 100000000)')).toMatch(/\$pad makes at most/);
  });

  it('bounds the built-ins that do quadratic work in one step', async () => {
    expect(await failure('$distinct([1..99999])')).toMatch(/\$distinct takes at most 1000 items/);
    expect(await failure('$sort([1..99999])')).toMatch(/\$sort takes at most 1000 items/);
    expect((await run('$sort([3, 1, 2])')).outcome).toMatchObject({ ok: true, request: { body: '[1,2,3]' } });
    expect((await run('$distinct([1, 1, 2])')).outcome).toMatchObject({ ok: true, request: { body: '[1,2]' } });
  });

  it('runs no regular expression, not even one made at run time', async () => {
    expect(saveError('$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)')).toMatch(/regular expressions are not allowed \(at character \d+\)/);
    expect(await failure('$eval("$match(\\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\\", /(a+)+$/)")')).toMatch(/regular expressions are not allowed/);
    // Plain strings still work where a pattern is taken.
    expect((await run('$replace("a-b-c", "-", "+")')).outcome).toMatchObject({ ok: true, request: { body: '"a+b+c"' } });
  });

  it('lets other evaluations finish while one is stopped', async () => {
    const runaway = runTransform('($f := function($n){ $f($n + 1) }; $f(0))', event, URL_);
    const quick = Array.from({ length: 20 }, (_, i) => runTransform('{"n": data.id}', { ...event, data: { id: i } }, URL_));
    const results = await Promise.all(quick);
    expect(results.map((r) => r.ok && r.request.body)).toEqual(Array.from({ length: 20 }, (_, i) => `{"n":${i}}`));
    expect(await runaway).toEqual({ ok: false, error: 'transform stopped: it ran longer than 50 ms' });
  });
});

describe('saving a transform', () => {
  it('refuses what is not an expression, naming the problem', () => {
    expect(saveError('{"a": ')).toMatch(/^syntax error at character \d+: /);
    expect(saveError('data.(')).toMatch(/syntax error/);
    expect(saveError('')).toMatch(/must be a JSONata expression/);
    expect(saveError('   ')).toMatch(/must be a JSONata expression/);
    expect(saveError(42)).toMatch(/must be a JSONata expression/);
    expect(saveError('1'.padEnd(8193, ' '))).toMatch(/at most 8192 characters/);
    expect(saveError('('.repeat(4000) + ')'.repeat(4000))).toMatch(/nested too deeply|syntax error/);
  });

  it('keeps the expression as given', () => {
    expect(validateTransform(' {"id": data.id} ')).toBe(' {"id": data.id} ');
  });
});

describe('transform headers', () => {
  it('replace the webhook\'s extra headers of the same name, in any case', () => {
    expect(withTransformHeaders({ Authorization: 'a', 'X-Shop': 's' }, { authorization: 'b', 'X-New': 'n' })).toEqual({ 'X-Shop': 's', authorization: 'b', 'X-New': 'n' });
  });
});
