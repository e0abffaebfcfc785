/**
 * The `workspace` label of per-workspace metrics, kept bounded. Every distinct label value is a time
 * series that Prometheus keeps for weeks; one per workspace would grow without end with the tenants (and a
 * webhook id as a label even faster, which is why no metric has one). The first `cap` workspaces this
 * thread sees keep their public id as their label; every later one is counted under `other`. A label once
 * given is never taken back: a counter that moved from one series to another would look like a reset.
 *
 * So a process exposes at most `cap + 1` workspace values per metric, whatever the number of workspaces.
 * Which workspaces get their own series depends on the order this process met them; after a restart it
 * may differ. Sum over `workspace` for totals.
 */
export const OTHER_WORKSPACES = 'other';

export class WorkspaceLabels {
  readonly #named = new Set<string>();

  constructor(private readonly cap: number) {}

  /** The label for a workspace's public id. */
  of(workspaceId: string): string {
    if (this.#named.has(workspaceId)) return workspaceId;
    if (this.#named.size >= this.cap) return OTHER_WORKSPACES;
    this.#named.add(workspaceId);
    return workspaceId;
  }
}
