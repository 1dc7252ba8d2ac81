// The security headers of every answer (issue 9.3), set once by one middleware around the whole app: pages, static
// files and the API alike. Static serving sets its own caching; this middleware sets Cache-Control only on /api.
import type { MiddlewareHandler } from 'hono';
import type { Config } from './config.ts';

/**
 * The Content-Security-Policy. Scripts only from our own origin, none inline (the built index.html loads one
 * module file; no inline script or handler anywhere). Styles also allow inline: Mantine writes <style> elements
 * at run time (its CSS variables and responsive style props), which a nonce could cover only if every page
 * answer were rewritten per request. Images may be data: and blob: URLs (previews, generated images).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Browser features the pages may use: the camera on our own pages (the secretary scans members' QR codes), nothing
 * else that reaches the person or their money.
 */
export const permissionsPolicy = [
  'camera=(self)',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'midi=()',
  'display-capture=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
].join(', ');

/** One year; sent only when the site is served over HTTPS (COOKIE_SECURE=on), as browsers would pin it. */
export const strictTransportSecurity = 'max-age=31536000';

export function securityHeaders(config: Pick<Config, 'COOKIE_SECURE'>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const set: [string, string][] = [
      ['Content-Security-Policy', contentSecurityPolicy],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Frame-Options', 'DENY'],
      // Not no-referrer: with it a browser sends `Origin: null` on our own writes, which the CSRF guard refuses.
      ['Referrer-Policy', 'same-origin'],
      ['Permissions-Policy', permissionsPolicy],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Cross-Origin-Resource-Policy', 'same-origin'],
    ];
    if (config.COOKIE_SECURE === 'on') set.push(['Strict-Transport-Security', strictTransportSecurity]);
    // API answers hold personal data and change with every write: never stored by a browser or a proxy.
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) set.push(['Cache-Control', 'no-store']);
    // On the finished answer's own headers: `c.header` after the handler would make Hono wrap the answer in a new
    // Response, turning a JSON string into a stream the server then reads back (issue 10.1: a tenth of a
    // check-in's CPU). An answer whose headers cannot change (a fetched or redirect Response) is wrapped as before.
    try {
      for (const [name, value] of set) c.res.headers.set(name, value);
    } catch {
      for (const [name, value] of set) c.header(name, value);
    }
  };
}
