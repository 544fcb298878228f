/**
 * Forms on cookie-authenticated pages are taken only from our own site: Hono's CSRF check (by
 * `Origin` and `Sec-Fetch-Site`), answered with a page that says why the form was refused
 * instead of the check's bare "Forbidden".
 *
 * Contract: a refused post gets 403 and the "sent from another site" page; everything after
 * the check (the route itself, its own errors) runs and fails as it would without it.
 */
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { ManagerMessagePage } from './views/manager-pages.js';

export function sameOriginForms(): MiddlewareHandler {
  const check = csrf();
  return async (c, next) => {
    let passed = false;
    try {
      await check(c, async () => {
        passed = true;
        await next();
      });
    } catch (error) {
      if (passed || !(error instanceof HTTPException) || error.status !== 403) throw error;
      return c.html(<ManagerMessagePage kind="cross-site" />, 403);
    }
  };
}
