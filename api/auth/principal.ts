import type { Role } from '../../store/types';

/** Who is calling. A token acts for one tenant; the local admin (embedded default only) for all. */
export type Principal =
  | { readonly kind: 'token'; readonly tokenId: string; readonly tenantId: string; readonly role: Role }
  | { readonly kind: 'local_admin'; readonly role: 'admin' };

const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export const hasRole = (principal: Principal, needed: Role): boolean => rank[principal.role] >= rank[needed];

export const isRole = (s: string): s is Role => s === 'viewer' || s === 'editor' || s === 'admin';

/** Can `principal` act on `tenantId` at all? (Role is checked separately.) */
export function canAccessTenant(principal: Principal, tenantId: string): boolean {
  switch (principal.kind) {
    case 'local_admin':
      return true;
    case 'token':
      return principal.tenantId === tenantId;
    default: {
      const unreachable: never = principal;
      throw new Error(`unknown principal ${JSON.stringify(unreachable)}`);
    }
  }
}

export const actorOf = (p: Principal): string => (p.kind === 'token' ? `token:${p.tokenId}` : 'local-admin');
