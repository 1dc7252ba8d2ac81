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
    c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    // Not no-referrer: with it a browser sends `Origin: null` on our own writes, which the CSRF guard refuses.
    c.header('Referrer-Policy', 'same-origin');
    c.header('Permissions-Policy', permissionsPolicy);
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (config.COOKIE_SECURE === 'on') c.header('Strict-Transport-Security', strictTransportSecurity);
    // API answers hold personal data and change with every write: never stored by a browser or a proxy.
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  };
}
