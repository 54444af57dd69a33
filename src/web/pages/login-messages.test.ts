// The login page ships only the public part of the Indonesian messages (i18n/id-public.ts; the rest
// arrives after login). Rendered with nothing else loaded, it must not ask for a key outside it:
// such a key would show on screen as "login.something".
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';

describe('the login page and its messages', () => {
  it('renders every text from the public messages alone', async () => {
    vi.resetModules(); // a fresh i18n module: the unit setup loaded every table into the shared one
    const i18n = await import('../i18n/index.ts');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { PublicLayout } = await import('../components/Layout.tsx');
    const { LoginPage } = await import('./LoginPage.tsx');
    expect(i18n.hasMessages('id')).toBe(true);
    const html = renderToStaticMarkup(createElement(PublicLayout, null, createElement(LoginPage, { onLoggedIn: () => {} })));
    expect([...i18n.missingKeys]).toEqual([]);
    expect(html).toContain('Saya bukan robot');
    expect(html).toContain('data-state="unverified"');
    // And the check itself works: a key of the logged-in pages is missing until its part is fetched.
    expect(i18n.translate('nav.home')).toBe('nav.home');
    expect([...i18n.missingKeys]).toEqual(['nav.home']);
    await i18n.loadMessages('id');
    expect(i18n.translate('nav.home')).not.toBe('nav.home');
  });
});
