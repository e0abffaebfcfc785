/** The `workspace` label of attempt metrics is bounded: the first N workspaces keep theirs, later ones are "other", for good. */
import { describe, expect, it } from 'vitest';
import { OTHER_WORKSPACES, WorkspaceLabels } from '../../src/observability/workspace-labels.ts';
import { outcomeOf } from '../../src/delivery/observed-sender.ts';

describe('workspace labels', () => {
  it('names at most `cap` workspaces, and the same ones every time', () => {
    const labels = new WorkspaceLabels(3);
    const seen = new Set<string>();
    for (let n = 0; n < 10_000; n++) seen.add(labels.of(`ws-${n % 500}`));
    expect(seen).toEqual(new Set(['ws-0', 'ws-1', 'ws-2', OTHER_WORKSPACES]));
    expect(labels.of('ws-1')).toBe('ws-1');
    expect(labels.of('ws-499')).toBe(OTHER_WORKSPACES);
  });

  it('with a cap of 0, counts every workspace as "other"', () => {
    expect(new WorkspaceLabels(0).of('ws')).toBe(OTHER_WORKSPACES);
  });
});

describe('attempt outcomes', () => {
  it('are a handful of values, whatever the endpoint answers', () => {
    expect(outcomeOf({ success: true, responseCode: 204 })).toBe('success');
    expect(outcomeOf({ success: false, responseCode: 404 })).toBe('http_4xx');
    expect(outcomeOf({ success: false, responseCode: 599 })).toBe('http_5xx');
    expect(outcomeOf({ success: false, responseCode: 302 })).toBe('http_other');
    expect(outcomeOf({ success: false, responseCode: null })).toBe('no_response');
  });
});
