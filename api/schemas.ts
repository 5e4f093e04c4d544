import { z } from 'zod';

/** zod schemas for every body and query the API accepts (tsoa validates types too; zod adds rules). */
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, at most 63');
const name = z.string().trim().min(1).max(200);

export const createTenantBody = z.strictObject({ slug, name });
export const renameBody = z.strictObject({ name });
export const createOrgBody = z.strictObject({ slug, name });
export const createProjectBody = z.strictObject({ orgId: z.uuid(), slug, name });
export const createEnvironmentBody = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
  target: z.string().min(1).max(200),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export const updateEnvironmentBody = z.strictObject({
  target: z.string().min(1).max(200).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export const createTokenBody = z.strictObject({
  name,
  role: z.enum(['viewer', 'editor', 'admin']),
  expiresAt: z.iso.datetime().optional(),
});
export const uuidParam = z.uuid();
export const graphQuery = (maxPage: number) =>
  z.object({
    after: z.string().max(512).optional(),
    limit: z.number().int().min(1).max(maxPage).optional(),
  });
export const uploadFields = z.object({ gitSha: z.string().regex(/^[0-9a-f]{7,64}$/).optional() });
