// Where a screen is explained in the Petunjuk Teknis (/panduan, docs/panduan/<lang>.md): one
// chapter per role, one section per menu item, its id `<role>-<menu slug>`.
import type { Role } from '../shared/roles.ts';

/** The slug of a menu path: `/` → `beranda`, `/akun/token` → `akun-token`. */
export function menuSlug(path: string): string {
  const p = path.replace(/^\/+|\/+$/g, '');
  return p === '' ? 'beranda' : p.replace(/\//g, '-');
}

/** Pages of the user menu, the same for every role: explained once, in the guide's chapter `umum`. */
const COMMON_PAGES = new Set(['profil', 'akun-password', 'akun-token']);

/** The guide's section for a role's menu item. */
export function guideAnchor(role: Role, menuPath: string): string {
  const slug = menuSlug(menuPath);
  return COMMON_PAGES.has(slug) ? `umum-${slug}` : `${role.toLowerCase()}-${slug}`;
}

/** The guide's address for a role's menu item, in the user's language. */
export function guideHref(role: Role, menuPath: string, lang: 'id' | 'en'): string {
  return `/panduan${lang === 'en' ? '?lang=en' : ''}#${guideAnchor(role, menuPath)}`;
}
