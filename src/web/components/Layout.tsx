// The logged-in frame (F2): header bar (date, Home, user menu) and left navigation.
import { useEffect, useId, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import { formatLongDate, todayIsoDate } from '../format.ts';
import { useLanguage, useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { Link, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { accessApi } from '../api/access.ts';
import { can, type Verb } from '../lib/abilities.ts';
import { guideHref } from '../guide.ts';

// `sub`: the item is also current on the pages below its path.
const NAV_ITEMS = [
  { to: '/', key: 'nav.home' },
  // F2 "Verifikasi & Validasi BDT": items with the same `group` show together under its heading.
  { to: '/import', key: 'nav.import', sub: true, verb: 'import:run', group: 'nav.vervalBdt' },
  { to: '/verifikasi-usulan', key: 'nav.verifikasiUsulan', sub: true, verb: 'proposal:read', group: 'nav.vervalBdt' },
  { to: '/finalisasi', key: 'nav.finalisasi', verb: 'finalisation:manage', group: 'nav.vervalBdt' },
  { to: '/rekapitulasi', key: 'nav.rekapitulasi', verb: 'recap:read', group: 'nav.vervalBdt' },
  { to: '/surat-pengesahan', key: 'nav.suratPengesahan', verb: 'letter:read', group: 'nav.vervalBdt' },
  // F2: "Verifikasi & Validasi BSP" and "… PBI" follow the BDT menu (F10, F11).
  { to: '/verifikasi-bsp', key: 'nav.vervalBsp', sub: true, verb: 'program:read' },
  { to: '/verifikasi-pbi', key: 'nav.vervalPbi', sub: true, verb: 'program:read' },
  { to: '/usulan-pkh', key: 'nav.pkh', verb: 'program:read' },
  { to: '/monitoring', key: 'nav.monitoring', verb: 'monitoring:read' },
  { to: '/data-kesos', key: 'nav.dataKesos', sub: true, verb: 'registry:read' },
  { to: '/pemindahan', key: 'nav.relocations', verb: 'registry:read' },
  { to: '/peta', key: 'nav.map', verb: 'registry:read' },
  // Items with a `verb` show only to users holding it (GET /me abilities); the page and the API check again.
  { to: '/mou', key: 'nav.mou', verb: 'mou:submit' },
  { to: '/mou-review', key: 'nav.mouReview', sub: true, verb: 'mou:review' },
  { to: '/kuota', key: 'nav.quotas', verb: 'quota:set' },
  { to: '/periode', key: 'nav.periods', verb: 'periods:manage' },
  { to: '/data-awal', key: 'nav.baseline', verb: 'baseline:load' },
  { to: '/batas-wilayah', key: 'nav.boundaries', verb: 'boundary:load' },
  { to: '/dokumen', key: 'nav.documents', verb: 'document:publish' },
  { to: '/pengguna', key: 'nav.users', verb: 'users:manage' },
] as const satisfies readonly { to: string; key: MessageKey; sub?: true; verb?: Verb; group?: MessageKey }[];

type NavItem = (typeof NAV_ITEMS)[number];

/** The pages of the user menu, which the guide explains like the navigation's items. */
const USER_MENU_PATHS = ['/profil', '/akun/password', '/akun/token'] as const;

/** The menu item a page belongs to (the longest menu path it is, or lies below), for its guide link. */
export function menuPathOf(pathname: string): string {
  const paths: string[] = [...NAV_ITEMS.map((i) => i.to), ...USER_MENU_PATHS];
  const under = paths.filter((p) => p !== '/' && (pathname === p || pathname.startsWith(`${p}/`)));
  return under.sort((a, b) => b.length - a.length)[0] ?? '/';
}

type NavEntry = NavItem | { group: MessageKey; items: NavItem[] };

function NavLink({ item, pathname }: { item: NavItem; pathname: string }) {
  const t = useT();
  const current = pathname === item.to || ('sub' in item && pathname.startsWith(`${item.to}/`));
  return (
    <li>
      <Link to={item.to} aria-current={current ? 'page' : undefined}>
        {t(item.key)}
      </Link>
    </li>
  );
}

/** Navigation items in order, those with a `group` gathered under the group's first position. */
function navEntries(items: readonly NavItem[]): NavEntry[] {
  const out: NavEntry[] = [];
  const groups = new Map<MessageKey, NavItem[]>();
  for (const item of items) {
    const group = 'group' in item ? (item.group as MessageKey) : undefined;
    if (!group) {
      out.push(item);
      continue;
    }
    let list = groups.get(group);
    if (!list) {
      groups.set(group, (list = []));
      out.push({ group, items: list });
    }
    list.push(item);
  }
  return out;
}

function UserMenu() {
  const t = useT();
  const lang = useLanguage();
  const { me, logout } = useSession();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  // Closes when focus leaves the menu (Tab past its last item).
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (e.relatedTarget && rootRef.current && !rootRef.current.contains(e.relatedTarget as Node)) setOpen(false);
  };

  return (
    <div className="user-menu" ref={rootRef} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-name">{me.name}</span>
        <span className="user-role">{me.roleLabel[lang]}</span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-id">{me.username}</p>
        <Link to="/profil" className="user-menu-link" onClick={() => setOpen(false)}>
          {t('header.profile')}
        </Link>
        {can(me, 'mou:submit') && (
          // F2: the offline application is downloaded on the MoU page, once the MoU is approved.
          <Link to="/mou" className="user-menu-link" onClick={() => setOpen(false)}>
            {t('header.offlineApp')}
          </Link>
        )}
        <Link to="/akun/password" className="user-menu-link" onClick={() => setOpen(false)}>
          {t('header.changePassword')}
        </Link>
        <Link to="/akun/token" className="user-menu-link" onClick={() => setOpen(false)}>
          {t('header.tokens')}
        </Link>
        <LanguageSwitch
          onChange={(l) => {
            setOpen(false);
            // Kept with the user too (PATCH /me); the local choice stands if that fails.
            if (l !== lang) accessApi.setLanguage(l).catch(() => undefined);
          }}
        />
        <button type="button" className="btn btn-secondary user-logout" onClick={() => void logout()}>
          {t('header.logout')}
        </button>
      </div>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const { pathname } = useLocation();
  const { me } = useSession();
  const lang = useLanguage();
  const [navOpen, setNavOpen] = useState(false);
  const shownPath = useRef(pathname);

  // After a page change: close the phone menu and move focus to the new page's heading, so that
  // keyboard and screen-reader users start at the content (not on the initial load).
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    setNavOpen(false);
    const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
    if (target) {
      if (target.tabIndex < 0) target.tabIndex = -1;
      target.focus({ preventScroll: true });
    }
  }, [pathname]);

  return (
    <Frame
      className="app"
      topbar="topbar"
      toggle={
        <button type="button" className="nav-toggle" aria-expanded={navOpen} aria-controls="sidenav" onClick={() => setNavOpen((o) => !o)}>
          {t('nav.toggle')}
        </button>
      }
      tools={
        <>
          {/* The district's date (national users: WIB), whatever the browser's time zone. */}
          <time className="today" dateTime={todayIsoDate()}>
            {formatLongDate(new Date(), locale)}
          </time>
          <Link to="/" className="home-link">
            {t('header.home')}
          </Link>
          {/* A full page load: the guide is served by the server, not the web app's router. */}
          <a className="home-link guide-link" href={guideHref(me.role, menuPathOf(pathname), lang)} data-testid="guide-link">
            {t('header.guide')}
          </a>
          <UserMenu />
        </>
      }
    >
      <div className="shell">
        <nav id="sidenav" className={navOpen ? 'sidenav open' : 'sidenav'} aria-label={t('nav.label')}>
          <ul>
            {navEntries(NAV_ITEMS.filter((item) => !('verb' in item) || can(me, item.verb))).map((entry) =>
              'items' in entry ? (
                <li key={entry.group} className="nav-group">
                  <span className="nav-group-label" id={`nav-group-${entry.group}`}>
                    {t(entry.group)}
                  </span>
                  <ul aria-labelledby={`nav-group-${entry.group}`}>
                    {entry.items.map((item) => (
                      <NavLink key={item.to} item={item} pathname={pathname} />
                    ))}
                  </ul>
                </li>
              ) : (
                <NavLink key={entry.to} item={entry} pathname={pathname} />
              ),
            )}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </Frame>
  );
}

/** The frame of pages shown before login (login, help). */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Frame className="public" topbar="topbar topbar-public" tools={<LanguageSwitch />}>
      <main id="main" className="public-main" tabIndex={-1}>
        {children}
      </main>
    </Frame>
  );
}

/** What both frames share: the skip link, the top bar with the brand, and the footer. */
function Frame(props: { className: string; topbar: string; toggle?: ReactNode; tools: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <div className={props.className}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className={props.topbar}>
        {props.toggle}
        <span className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.ministry')}</span>
        </span>
        {props.tools}
      </header>
      {props.children}
      <footer className="footer">
        <span>{t('app.fullName')}</span>
        <span>{t('app.regionDataCredit')}</span>
      </footer>
    </div>
  );
}
