/** What every page is: a title, a view drawn from its state, a load, and a way to ask for a redraw. */
import type { TemplateResult } from 'lit-html';
import type { Signed } from './session.ts';

export interface AppContext {
  signed: Signed;
  /** Draws the page again from its state. */
  repaint(): void;
  navigate(hash: string): void;
  /** A message for the status line (read out by screen readers). */
  notify(message: string, kind?: 'info' | 'error'): void;
}

export abstract class Page {
  constructor(protected readonly app: AppContext) {}
  abstract title(): string;
  abstract view(): TemplateResult;
  /** Fetches what the page shows; called once when it opens. */
  async load(): Promise<void> {}
  /** The page is left: stop timers. */
  dispose(): void {}
  protected get client() {
    return this.app.signed.client;
  }
  protected get readOnly(): boolean {
    return this.app.signed.session.readOnly;
  }
}
