/** The dashboard's sign-in: the admin token, or a workspace API key. */
import { html, render } from 'lit-html';
import { anonymous, signedAs, type Signed } from '../session.ts';
import { errorText } from '../format.ts';

export function showSignIn(root: HTMLElement, onSignedIn: (signed: Signed) => void, message = ''): void {
  let error = message;
  let busy = false;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const token = (form.elements.namedItem('token') as HTMLInputElement).value.trim();
    busy = true;
    draw();
    try {
      const session = await anonymous.data(anonymous.api.POST('/ui-sessions', { body: { token } }));
      onSignedIn(signedAs(session));
    } catch (caught) {
      error = errorText(caught);
      busy = false;
      draw();
    }
  };
  const draw = () => render(html`
    <main id="main" class="sign-in">
      <h1>hookd</h1>
      <form @submit=${submit} aria-describedby="sign-in-help">
        <label for="token">Admin token or API key</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required maxlength="200">
        <p id="sign-in-help" class="hint">The admin token is printed at hookd's first start; a workspace's API keys start with hk_.</p>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
        <button type="submit" ?disabled=${busy}>Sign in</button>
      </form>
    </main>`, root);
  draw();
  root.querySelector<HTMLInputElement>('#token')?.focus();
}
