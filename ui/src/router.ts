/** Pages by location hash: `#/w/<workspace>/webhooks/<id>`… A hash router needs no server route per page. */
export type Route =
  | { page: 'home' }
  | { page: 'overview'; ws: string }
  | { page: 'webhooks'; ws: string }
  | { page: 'webhook-new'; ws: string }
  | { page: 'webhook'; ws: string; id: string }
  | { page: 'webhook-edit'; ws: string; id: string }
  | { page: 'events'; ws: string }
  | { page: 'event'; ws: string; id: string }
  | { page: 'catalog'; ws: string }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '').map((part) => decodeURIComponent(part));
  if (parts.length === 0) return { page: 'home' };
  const [w, ws, section, id, action] = parts;
  if (w !== 'w' || !ws) return { page: 'not-found' };
  if (section === undefined) return { page: 'overview', ws };
  if (section === 'webhooks' && id === undefined) return { page: 'webhooks', ws };
  if (section === 'webhooks' && id === 'new') return { page: 'webhook-new', ws };
  if (section === 'webhooks' && id && action === undefined) return { page: 'webhook', ws, id };
  if (section === 'webhooks' && id && action === 'edit') return { page: 'webhook-edit', ws, id };
  if (section === 'events' && id === undefined) return { page: 'events', ws };
  if (section === 'events' && id) return { page: 'event', ws, id };
  if (section === 'catalog' && id === undefined) return { page: 'catalog', ws };
  return { page: 'not-found' };
}

export const link = (...parts: string[]): string => `#/${parts.map(encodeURIComponent).join('/')}`;
