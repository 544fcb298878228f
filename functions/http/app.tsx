/**
 * The HTTP app: client pages (signed links), manager pages and JSON API (signed in), and the
 * headers every answer carries. The same app runs in Lambda (`handlers/http-api.ts`) and in
 * the local runtime (`@hono/node-server`).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { clientRoutes } from './client-routes.js';
import { InvalidInput } from '../domain/errors.js';
import { errorBody, statusOf } from './errors.js';
import { managerRoutes, type ManagerDeps } from './manager-routes.js';
import { signInRoutes } from './sign-in-routes.js';
import { ClientMessagePage } from './views/client-pages.js';
import { PAGE_CSS } from './views/layout.js';

export function createApp(deps: ManagerDeps) {
  const app = new Hono();
  app.use('*', secureHeaders({
    referrerPolicy: 'no-referrer',
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      // Only our one stylesheet, by hash: an injected <style> or style attribute does nothing.
      styleSrc: [`'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
  }));
  app.use('*', async (c, next) => {
    await next();
    // Pages hold personal data and one-off links: never cache them anywhere.
    c.header('Cache-Control', 'no-store');
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', clientRoutes(deps));
  app.route('/', signInRoutes(deps));
  app.route('/', managerRoutes(deps));

  app.notFound((c) => (c.req.path.startsWith('/api/')
    ? c.json({ error: 'NotFound', message: `no route ${c.req.method} ${c.req.path}` }, 404)
    : c.html(<ClientMessagePage locale="en" kind="not-found" />, 404)));

  app.onError((error, c) => {
    // Hono's own middleware (CSRF, body limit) speaks in HTTP exceptions: pass them through.
    if (error instanceof HTTPException) return error.getResponse();
    const status = statusOf(error);
    if (status >= 500) console.error(JSON.stringify({ message: 'request failed', method: c.req.method, path: c.req.path, error: String(error), stack: error.stack }));
    if (c.req.path.startsWith('/api/')) return c.json(errorBody(error), status);
    // A page with no form of its own to show them beside (a query, a body that is no form) lists them.
    if (error instanceof InvalidInput) return c.html(<ClientMessagePage locale="en" kind="bad-request" problems={error.issues} />, 400);
    return c.html(<ClientMessagePage locale="en" kind={status === 404 ? 'not-found' : 'server-error'} />, status);
  });

  return app;
}
