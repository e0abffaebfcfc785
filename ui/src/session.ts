/**
 * Who the page is signed in as, and the typed API client that acts for it. The UI calls hookd's public
 * native API and nothing else; the session cookie authenticates it, the CSRF token rides on every call.
 */
import { HookdClient, type UiSession } from '../../src/client/index.ts';

export type { UiSession };

export const anonymous = new HookdClient({ url: location.origin });

export interface Signed {
  session: UiSession;
  client: HookdClient;
}

export function signedAs(session: UiSession): Signed {
  return { session, client: new HookdClient({ url: location.origin, headers: { 'x-csrf-token': session.csrfToken } }) };
}

/** The session of this browser's cookie, or null when it is not signed in. */
export async function currentSession(): Promise<Signed | null> {
  try {
    return signedAs(await anonymous.data(anonymous.api.GET('/ui-sessions/current')));
  } catch {
    return null;
  }
}
