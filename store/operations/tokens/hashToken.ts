import { createHash } from 'node:crypto';

/** Tokens are long random secrets, so a plain sha256 is enough (no salt/KDF needed, unlike passwords). */
export const hashToken = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
