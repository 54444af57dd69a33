// The Petunjuk Teknis (issue 14) against the application: every menu item every role sees has its
// section with a screenshot in both languages, and the guide's own links and images resolve.
import fs from 'node:fs';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { imagesOf, inlineRuns, parseGuide, type Guide } from '../../src/server/modules/guide/guide.parse.ts';
import { GUIDE_DIR, imagePath, loadGuide } from '../../src/server/modules/guide/guide.routes.ts';
import { ROLES, signsInWithPassword, type Role } from '../../src/shared/roles.ts';
import { Layout, menuPathOf } from '../../src/web/components/Layout.tsx';
import { guideAnchor } from '../../src/web/guide.ts';
import { meOf, renderAs } from '../../src/web/test-support.ts';

const LANGS = ['id', 'en'] as const;

/** The menu paths a role's logged-in frame links to: the navigation and the user menu. */
function menuPaths(role: Role): string[] {
  const html = renderAs(meOf(role), createElement(Layout, null, 'content'));
  const hrefs = [...html.matchAll(/<a [^>]*href="(\/[^"#?]*)"/g)].map((m) => m[1] ?? '');
  return [...new Set(hrefs.filter((h) => !h.startsWith('/panduan')))];
}

function sectionsOf(guide: Guide) {
  return new Map(guide.chapters.flatMap((c) => c.sections.map((s) => [s.id, s] as const)));
}

describe('the guide covers the navigation of every role', () => {
  for (const role of ROLES.filter(signsInWithPassword)) {
    it(`${role}: each menu item has a section with a screenshot, in both languages`, () => {
      const paths = menuPaths(role);
      expect(paths.length, 'the frame shows menu items').toBeGreaterThan(3);
      for (const lang of LANGS) {
        const sections = sectionsOf(loadGuide(lang));
        for (const path of paths) {
          const id = guideAnchor(role, path);
          const section = sections.get(id);
          expect(section, `${lang}.md has a section {#${id}} for ${path}`).toBeDefined();
          const images = imagesOf(section?.blocks ?? []);
          expect(images.length, `section ${id} (${lang}) shows a screenshot`).toBeGreaterThan(0);
          for (const src of images) {
            const file = imagePath(src);
            expect(file && fs.existsSync(file), `${src} exists (regenerate with npm run guide:screens)`).toBe(true);
          }
        }
      }
    });
  }

  it('sends each page to the section of its menu item', () => {
    expect(menuPathOf('/verifikasi-usulan/5d2f4e8a')).toBe('/verifikasi-usulan');
    expect(menuPathOf('/data-kesos/3174010001000001')).toBe('/data-kesos');
    expect(menuPathOf('/akun/token')).toBe('/akun/token');
    expect(menuPathOf('/')).toBe('/');
    expect(menuPathOf('/no-such-page')).toBe('/');
    expect(guideAnchor('SUPERVISOR', '/verifikasi-usulan')).toBe('supervisor-verifikasi-usulan');
    expect(guideAnchor('PROVINSI', '/')).toBe('provinsi-beranda');
    expect(guideAnchor('OPERATOR', '/akun/token')).toBe('umum-akun-token');
  });
});

describe('the guide itself', () => {
  for (const lang of LANGS) {
    it(`${lang}: every link points at a heading of the guide and every image exists`, () => {
      const guide = loadGuide(lang);
      const ids = new Set(guide.chapters.flatMap((c) => [c.id, ...c.sections.map((s) => s.id)]));
      const blocks = [...guide.preface, ...guide.chapters.flatMap((c) => [...c.intro, ...c.sections.flatMap((s) => s.blocks)])];
      const texts = blocks.flatMap((b) => {
        if ('items' in b) return b.items;
        return 'caption' in b ? [b.caption] : [b.text];
      });
      for (const text of texts)
        for (const run of inlineRuns(text))
          if (run.kind === 'link' && run.href.startsWith('#')) expect(ids.has(run.href.slice(1)), `${run.href} resolves`).toBe(true);
      for (const src of imagesOf(blocks)) expect(fs.existsSync(imagePath(src) ?? ''), `${src} exists`).toBe(true);
    });
  }

  it('has the same chapters and sections in both languages', () => {
    const outline = (g: Guide) => g.chapters.map((c) => [c.id, c.sections.map((s) => s.id)]);
    expect(outline(loadGuide('en'))).toEqual(outline(loadGuide('id')));
    expect(fs.existsSync(`${GUIDE_DIR}/id.md`)).toBe(true);
  });
});

describe('parseGuide', () => {
  it('reads chapters, sections, lists, notes and images', () => {
    const g = parseGuide(
      [
        '% Judul',
        'Pembuka.',
        '# Bab {#bab}',
        'Isi bab.',
        '## Bagian {#bab-bagian}',
        '1. satu',
        '2. dua',
        '   lanjutan',
        '- butir',
        '> catatan',
        '![Gambar](gambar/x.jpg)',
        'Teks **tebal** dan `kode` ke [bab](#bab).',
      ].join('\n'),
    );
    expect(g.title).toBe('Judul');
    expect(g.preface).toEqual([{ kind: 'p', text: 'Pembuka.' }]);
    expect(g.chapters[0]?.intro).toEqual([{ kind: 'p', text: 'Isi bab.' }]);
    expect(g.chapters[0]?.sections[0]?.blocks).toEqual([
      { kind: 'ol', items: ['satu', 'dua lanjutan'] },
      { kind: 'ul', items: ['butir'] },
      { kind: 'note', text: 'catatan' },
      { kind: 'img', caption: 'Gambar', src: 'gambar/x.jpg' },
      { kind: 'p', text: 'Teks **tebal** dan `kode` ke [bab](#bab).' },
    ]);
    expect(inlineRuns('Teks **tebal** dan `kode` ke [bab](#bab).')).toEqual([
      { kind: 'text', text: 'Teks ' },
      { kind: 'bold', text: 'tebal' },
      { kind: 'text', text: ' dan ' },
      { kind: 'code', text: 'kode' },
      { kind: 'text', text: ' ke ' },
      { kind: 'link', text: 'bab', href: '#bab' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('refuses a heading without an id and a repeated id', () => {
    expect(() => parseGuide('# Bab')).toThrow(/without an id/);
    expect(() => parseGuide('# A {#a}\n## B {#a}')).toThrow(/Duplicate guide id "a"/);
    expect(() => parseGuide('## B {#b}')).toThrow(/before any chapter/);
  });

  it('names only screenshot files it serves', () => {
    expect(imagePath('gambar/supervisor-import.jpg')).toMatch(/docs\/panduan\/gambar\/supervisor-import\.jpg$/);
    expect(imagePath('gambar/../../../etc/passwd')).toBeNull();
    expect(imagePath('gambar/x.svg')).toBeNull();
  });
});
