// The guide as one HTML page: a table of contents, then every chapter and section with its
// screenshots. Built from the parsed Markdown (guide.parse.ts), public, holding demo data only.
import { type Block, type Guide, inlineRuns } from './guide.parse.ts';

export type GuideLang = 'id' | 'en';

const UI = {
  id: { toc: 'Daftar Isi', pdf: 'Unduh PDF', other: 'English', back: 'Kembali ke aplikasi', top: 'Ke atas' },
  en: { toc: 'Contents', pdf: 'Download PDF', other: 'Bahasa Indonesia', back: 'Back to the application', top: 'To the top' },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A link stays inside the guide (#anchor) or the application (/path); anything else is shown as text. */
function safeHref(href: string): string | null {
  return /^(#[a-z0-9-]+|\/[A-Za-z0-9/_.#?=&-]*)$/.test(href) ? href : null;
}

function inline(text: string): string {
  return inlineRuns(text)
    .map((r) => {
      const t = escapeHtml(r.text);
      if (r.kind === 'bold') return `<strong>${t}</strong>`;
      if (r.kind === 'code') return `<code>${t}</code>`;
      if (r.kind === 'link') {
        const href = safeHref(r.href);
        return href ? `<a href="${escapeHtml(href)}">${t}</a>` : t;
      }
      return t;
    })
    .join('');
}

/** The URL an image of the guide is served at: its file name under /panduan/gambar/. */
export function imageUrl(src: string): string {
  return `/panduan/gambar/${encodeURIComponent(src.replace(/^gambar\//, ''))}`;
}

function blocksHtml(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'p':
          return `<p>${inline(b.text)}</p>`;
        case 'h3':
          return `<h4>${inline(b.text)}</h4>`;
        case 'note':
          return `<p class="note">${inline(b.text)}</p>`;
        case 'ul':
        case 'ol':
          return `<${b.kind}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${b.kind}>`;
        case 'img':
          return `<figure><img src="${escapeHtml(imageUrl(b.src))}" alt="${escapeHtml(b.caption)}" loading="lazy" width="1280" height="800"><figcaption>${inline(b.caption)}</figcaption></figure>`;
      }
    })
    .join('\n');
}

/** The whole guide page in one language. */
export function renderGuideHtml(guide: Guide, lang: GuideLang): string {
  const ui = UI[lang];
  const other = lang === 'id' ? 'en' : 'id';
  const toc = guide.chapters
    .map(
      (c) =>
        `<li><a href="#${c.id}">${inline(c.title)}</a><ol>${c.sections.map((s) => `<li><a href="#${s.id}">${inline(s.title)}</a></li>`).join('')}</ol></li>`,
    )
    .join('');
  const chapters = guide.chapters
    .map(
      (c) =>
        `<section class="chapter" aria-labelledby="${c.id}"><h2 id="${c.id}">${inline(c.title)}</h2>${blocksHtml(c.intro)}${c.sections
          .map(
            (s) =>
              `<section class="section" aria-labelledby="${s.id}"><h3 id="${s.id}">${inline(s.title)}</h3>${blocksHtml(s.blocks)}<p class="top"><a href="#daftar-isi">${ui.top}</a></p></section>`,
          )
          .join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(guide.title)}</title>
<link rel="stylesheet" href="/panduan/panduan.css">
</head>
<body>
<header class="bar"><a href="/">${ui.back}</a><span><a href="/panduan.pdf${lang === 'en' ? '?lang=en' : ''}">${ui.pdf}</a> · <a href="/panduan?lang=${other}" hreflang="${other}">${ui.other}</a></span></header>
<main>
<h1>${escapeHtml(guide.title)}</h1>
${blocksHtml(guide.preface)}
<nav aria-labelledby="daftar-isi"><h2 id="daftar-isi">${ui.toc}</h2><ol class="toc">${toc}</ol></nav>
${chapters}
</main>
</body>
</html>
`;
}

/** The page's style sheet (served as a file: the CSP allows no inline style elements to grow into scripts). */
export const GUIDE_CSS = `body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
.bar{display:flex;justify-content:space-between;gap:1rem;padding:.6rem 1rem;background:#0b4f8a;color:#fff}
.bar a{color:#fff}
main{max-width:56rem;margin:0 auto;padding:1rem 1.25rem 4rem}
h1{font-size:1.9rem;margin:1rem 0}
h2{font-size:1.5rem;margin:2.5rem 0 .75rem;padding-top:.5rem;border-top:3px solid #0b4f8a}
h3{font-size:1.2rem;margin:2rem 0 .5rem}
h4{font-size:1rem;margin:1.25rem 0 .25rem}
.toc>li{margin:.4rem 0}
.toc ol{margin:.2rem 0 .5rem}
figure{margin:1rem 0}
figure img{max-width:100%;height:auto;border:1px solid #c9d2dc;border-radius:4px}
figcaption{font-size:.9rem;color:#4a5560}
.note{border-left:4px solid #e0a800;background:#fff8e1;padding:.5rem .75rem}
code{background:#f1f3f5;padding:0 .25rem;border-radius:3px}
.top{font-size:.85rem}
@media print{.bar,.top{display:none}h2{break-before:page}}
`;
