/** One attempt as the log keeps it: the request sent and the response received. Everything shown is escaped text. */
import { html, type TemplateResult } from 'lit-html';
import type { Attempt } from '../../../src/client/index.ts';
import { ms, prettyBody, when } from '../format.ts';

const headerList = (headers: Record<string, string>) => html`
  <dl class="headers">${Object.entries(headers).map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>`;

export function attemptView(attempt: Attempt): TemplateResult {
  return html`
    <article class="attempt ${attempt.success ? 'ok' : 'failed'}" aria-label=${`Attempt ${attempt.id}`}>
      <h4>${attempt.success ? 'Succeeded' : 'Failed'} · ${when(attempt.createdAt)} · ${ms(attempt.durationMs)} · ${attempt.trigger}</h4>
      ${attempt.error ? html`<p class="error">${attempt.error}</p>` : ''}
      <div class="exchange">
        <section>
          <h5>Request</h5>
          <p><code>${attempt.request.method} ${attempt.request.url}</code></p>
          ${headerList(attempt.request.headers)}
          <pre class="body" data-testid="request-body">${prettyBody(attempt.request.body)}</pre>
        </section>
        <section>
          <h5>Response</h5>
          ${attempt.response ? html`
            <p><code>${attempt.response.code} ${attempt.response.message ?? ''}</code></p>
            ${headerList(attempt.response.headers)}
            <pre class="body" data-testid="response-body">${prettyBody(attempt.response.body)}</pre>` : html`<p>No response.</p>`}
        </section>
      </div>
    </article>`;
}
