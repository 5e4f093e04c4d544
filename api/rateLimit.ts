import type { RequestHandler } from 'express';
import { HttpProblem } from './problem';

/**
 * A fixed one-minute window per client (its bearer token's prefix, else its address), in memory:
 * enough for one API process. `perMinute` 0 disables it.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    if (perMinute === 0) {
      next();
      return;
    }
    const auth = req.headers.authorization;
    const key = auth ? `t:${auth.slice(0, 24)}` : `a:${req.ip ?? 'unknown'}`;
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count > perMinute) {
      res.setHeader('Retry-After', String(Math.ceil((w.start + 60_000 - t) / 1000)));
      next(new HttpProblem(429, 'rate-limited', 'Too many requests', `more than ${perMinute} requests in a minute`));
      return;
    }
    next();
  };
}
