// The printable guide (/panduan.pdf): the same chapters, sections and screenshots as the page,
// with a title page, a table of contents and page numbers. pdfmake reads only its own fonts; the
// screenshots are handed over as data URLs.
import { renderPdf } from '../../platform/pdf.ts';
import { type Block, type Guide, inlineRuns } from './guide.parse.ts';
import type { GuideLang } from './guide.html.ts';

const UI = {
  id: { toc: 'Daftar Isi', page: 'Halaman', of: 'dari' },
  en: { toc: 'Contents', page: 'Page', of: 'of' },
} as const;

/** A paragraph's runs as pdfmake text pieces (links print their text). */
function runs(text: string): Record<string, unknown>[] {
  return inlineRuns(text).map((r) => {
    if (r.kind === 'bold') return { text: r.text, bold: true };
    if (r.kind === 'code') return { text: r.text, color: '#37474f' };
    return { text: r.text };
  });
}

function blockNodes(blocks: readonly Block[], image: (src: string) => string | null): Record<string, unknown>[] {
  return blocks.flatMap((b): Record<string, unknown>[] => {
    switch (b.kind) {
      case 'p':
        return [{ text: runs(b.text), margin: [0, 0, 0, 6] }];
      case 'h3':
        return [{ text: b.text, bold: true, margin: [0, 6, 0, 3] }];
      case 'note':
        return [{ text: runs(b.text), italics: true, margin: [8, 0, 0, 6], color: '#5d4300' }];
      case 'ul':
        return [{ ul: b.items.map((i) => ({ text: runs(i) })), margin: [0, 0, 0, 6] }];
      case 'ol':
        return [{ ol: b.items.map((i) => ({ text: runs(i) })), margin: [0, 0, 0, 6] }];
      case 'img': {
        const data = image(b.src);
        if (!data) return [{ text: `[${b.caption}]`, italics: true }];
        return [
          { image: data, fit: [480, 300], alignment: 'center', margin: [0, 4, 0, 2] },
          { text: b.caption, fontSize: 8, color: '#4a5560', alignment: 'center', margin: [0, 0, 0, 8] },
        ];
      }
    }
  });
}

/** The guide as a PDF; `image` gives a screenshot's data URL (null when the file is missing). */
export function renderGuidePdf(guide: Guide, lang: GuideLang, image: (src: string) => string | null): Promise<Buffer> {
  const ui = UI[lang];
  const content: Record<string, unknown>[] = [
    { text: guide.title, fontSize: 22, bold: true, margin: [0, 180, 0, 12] },
    ...blockNodes(guide.preface, image),
    { toc: { title: { text: ui.toc, fontSize: 16, bold: true, margin: [0, 0, 0, 10] } }, pageBreak: 'before' },
  ];
  for (const c of guide.chapters) {
    content.push({ text: c.title, fontSize: 17, bold: true, tocItem: true, pageBreak: 'before', margin: [0, 0, 0, 8] });
    content.push(...blockNodes(c.intro, image));
    for (const s of c.sections) {
      content.push({ text: s.title, fontSize: 13, bold: true, tocItem: true, tocMargin: [12, 0, 0, 0], margin: [0, 10, 0, 4] });
      content.push(...blockNodes(s.blocks, image));
    }
  }
  const doc = {
    info: { title: guide.title, creator: 'SIKS-NG' },
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    footer: (current: number, count: number) => ({
      text: `${ui.page} ${current} ${ui.of} ${count}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content,
  };
  return renderPdf(doc);
}
