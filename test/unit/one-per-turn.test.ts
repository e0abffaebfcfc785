import { expect, it } from 'vitest';
import { OnePerTurn } from '../../src/util/one-per-turn.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

it('runs the items in the order given, one per turn of the event loop', async () => {
  const ran: string[] = [];
  const queue = new OnePerTurn<string>((item) => ran.push(item));
  queue.add('claim');
  queue.add('record');
  queue.add('release');
  expect(ran).toEqual([]);
  await turn();
  expect(ran).toEqual(['claim']);
  await turn();
  expect(ran).toEqual(['claim', 'record']);
  await turn();
  expect(ran).toEqual(['claim', 'record', 'release']);
  // Empty, it starts again at the next item.
  queue.add('claim again');
  await turn();
  expect(ran).toEqual(['claim', 'record', 'release', 'claim again']);
});

it('lets what fell due while an item ran go before the next item', async () => {
  const ran: string[] = [];
  const queue = new OnePerTurn<string>((item) => {
    ran.push(item);
    if (item !== 'first') return;
    // Work that came in while the first item ran (a timer here; a request on a socket in hookd).
    setTimeout(() => ran.push('came in meanwhile'), 0);
    const until = Date.now() + 3;
    while (Date.now() < until);
  });
  queue.add('first');
  queue.add('second');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(ran).toEqual(['first', 'came in meanwhile', 'second']);
});
