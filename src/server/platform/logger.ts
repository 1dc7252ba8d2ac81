// Minimal structured logger: one JSON line per event on stderr, level from LOG_LEVEL.
const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;
const threshold = levels[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? levels.info;

function log(level: Level, message: string, fields?: Record<string, unknown>) {
  if (levels[level] < threshold || process.env.VITEST) return;
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => log('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => log('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => log('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => log('error', m, f),
};
