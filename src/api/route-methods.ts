/**
 * Which methods each route path takes, so that a request whose path exists but whose method does not
 * is answered 405 with `Allow` (not 404), wherever it is refused: by the router, by Node's HTTP parser
 * (a method it does not know), or on CONNECT.
 */

/** A route URL such as `/webhooks/:id` as a pattern for concrete paths (a `:param` is one segment). */
export function pathPattern(url: string): RegExp {
  const segments = url.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}$`);
}

export class RouteMethods {
  readonly #routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(url: string, methods: string | string[]): void {
    let route = this.#routes.get(url);
    if (!route) this.#routes.set(url, (route = { pattern: pathPattern(url), methods: new Set() }));
    for (const method of Array.isArray(methods) ? methods : [methods]) route.methods.add(method.toUpperCase());
  }

  /** The methods the path takes, for an `Allow` header; empty when no route has this path. */
  allowed(path: string): string[] {
    const bare = path.split('?')[0];
    const methods = new Set<string>();
    for (const { pattern, methods: taken } of this.#routes.values()) if (pattern.test(bare)) for (const method of taken) methods.add(method);
    return [...methods].sort();
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The methods a route serves, when it takes every method to answer the others itself (WooCommerce's routes). */
    allow?: string[];
  }
}
