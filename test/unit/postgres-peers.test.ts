/** Other listening processes, as announcements on the channel tell of them (store/postgres-peers.ts). */
import { describe, expect, it } from 'vitest';
import { HEARD_FOR_MS, ListeningPeers, peerNoticeOf, peerPayload } from '../../src/store/postgres-peers.ts';

describe('listening peers', () => {
  it('count another process from its announcement until three are missed, never this one', () => {
    let now = 1_000;
    const peers = new ListeningPeers(() => now);
    expect(peers.present).toBe(false);
    expect(peers.heard({ kind: 'hello', token: peers.token })).toBe(false);
    expect(peers.present).toBe(false);

    expect(peers.heard({ kind: 'hello', token: 'ab12' })).toBe(true);
    expect(peers.present).toBe(true);
    now += HEARD_FOR_MS - 1;
    expect(peers.present).toBe(true);
    expect(peers.heard({ kind: 'here', token: 'ab12' })).toBe(false);
    now += HEARD_FOR_MS - 1;
    expect(peers.present).toBe(true);
    now += 1;
    expect(peers.present).toBe(false);
  });

  it('are read only from payloads that are announcements', () => {
    const peers = new ListeningPeers();
    expect(peerNoticeOf(peerPayload({ kind: 'here', token: peers.token }))).toEqual({ kind: 'here', token: peers.token });
    expect(peerNoticeOf('hello:0f')).toEqual({ kind: 'hello', token: '0f' });
    for (const payload of [undefined, '', 'work:1,2', 'stopped:3', 'hello:', 'hello:XYZ', 'here:0f:1', `hello:${'a'.repeat(65)}`, 'constructor:ab']) {
      expect(peerNoticeOf(payload)).toBeNull();
    }
  });
});
