import type { NextFunction, Request, Response } from 'express';

/** The path of the first string holding U+0000 (which PostgreSQL text cannot store), or null. */
export function findNulCharacter(value: unknown, path = 'body'): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNulCharacter(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNulCharacter(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return null;
}

/** Refuses request bodies carrying NUL characters with a 400 that names the field. */
export function rejectNulCharacters(req: Request, res: Response, next: NextFunction): void {
  const hit = findNulCharacter(req.body);
  if (hit) {
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: [`${hit.replace(/^body\./, '')} must not contain NUL characters`],
    });
    return;
  }
  next();
}
