// The Petunjuk Teknis (issue 14) is written in docs/panduan/<lang>.md, a small subset of Markdown
// that both the HTML page and the PDF render: chapters (`# Title {#id}`), sections
// (`## Title {#id}`), sub-headings (`###`), paragraphs, lists (`- ` and `1. `), notes (`> `) and
// images alone on their line (`![caption](gambar/file.jpg)`); inline **bold**, `code` and
// [links](#anchor). Anything else is a paragraph. A chapter is one role (or the offline app); a
// section is one menu item, its id `<chapter>-<menu slug>` (web/guide.ts guideAnchor).

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'h3'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'ul' | 'ol'; items: string[] }
  | { kind: 'img'; src: string; caption: string };

export interface GuideSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface GuideChapter {
  id: string;
  title: string;
  /** What comes before the chapter's first section. */
  intro: Block[];
  sections: GuideSection[];
}

export interface Guide {
  /** The first line (`% Title`), the document's title. */
  title: string;
  /** Blocks before the first chapter. */
  preface: Block[];
  chapters: GuideChapter[];
}

/** A heading's text and its `{#id}`; ids are lowercase letters, digits and dashes. */
function heading(line: string, level: number): { title: string; id: string } | null {
  const m = new RegExp(`^${'#'.repeat(level)} (.+?)(?: \\{#([a-z0-9-]+)\\})?$`).exec(line);
  if (!m?.[1]) return null;
  if (!m[2]) throw new Error(`Heading without an id: "${line}" (write "${line} {#some-id}")`);
  return { title: m[1], id: m[2] };
}

const IMAGE = /^!\[([^\]]*)\]\(([^)\s]+)\)$/;

/** Parses the guide's Markdown; throws on a chapter or section heading without an id or a duplicate id. */
export function parseGuide(text: string): Guide {
  const guide: Guide = { title: '', preface: [], chapters: [] };
  const ids = new Set<string>();
  let blocks = guide.preface;
  let para: string[] = [];
  // Read through open(): TypeScript cannot see flush() resetting it inside the loop.
  let list: { kind: 'ul' | 'ol'; items: string[] } | null = null;
  const open = () => list as { kind: 'ul' | 'ol'; items: string[] } | null;

  const flush = () => {
    if (para.length > 0) blocks.push({ kind: 'p', text: para.join(' ') });
    para = [];
    if (list) blocks.push(list);
    list = null;
  };
  const claim = (id: string) => {
    if (ids.has(id)) throw new Error(`Duplicate guide id "${id}"`);
    ids.add(id);
  };

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.startsWith('% ')) {
      guide.title = line.slice(2).trim();
      continue;
    }
    const chapter = line.startsWith('# ') ? heading(line, 1) : null;
    if (chapter) {
      flush();
      claim(chapter.id);
      const c: GuideChapter = { id: chapter.id, title: chapter.title, intro: [], sections: [] };
      guide.chapters.push(c);
      blocks = c.intro;
      continue;
    }
    const section = line.startsWith('## ') ? heading(line, 2) : null;
    if (section) {
      flush();
      const c = guide.chapters.at(-1);
      if (!c) throw new Error(`Section "${section.title}" before any chapter`);
      claim(section.id);
      const s: GuideSection = { id: section.id, title: section.title, blocks: [] };
      c.sections.push(s);
      blocks = s.blocks;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('### ')) {
      flush();
      blocks.push({ kind: 'h3', text: line.slice(4).trim() });
      continue;
    }
    const image = IMAGE.exec(line.trim());
    if (image) {
      flush();
      blocks.push({ kind: 'img', caption: image[1] ?? '', src: image[2] ?? '' });
      continue;
    }
    if (line.startsWith('> ')) {
      flush();
      blocks.push({ kind: 'note', text: line.slice(2).trim() });
      continue;
    }
    const item = /^(?:(-)|\d+\.) (.+)$/.exec(line.trim());
    if (item?.[2]) {
      const kind = item[1] ? 'ul' : 'ol';
      if (para.length > 0 || open()?.kind !== kind) flush();
      const current = open() ?? { kind, items: [] };
      list = current;
      current.items.push(item[2]);
      continue;
    }
    // A line indented under a list item continues it.
    const continued = open();
    if (continued && raw.startsWith('  ')) {
      const items = continued.items;
      items[items.length - 1] = `${items[items.length - 1]} ${line.trim()}`;
      continue;
    }
    if (open()) flush();
    para.push(line.trim());
  }
  flush();
  return guide;
}

/** An inline run: plain text, bold, code, or a link. */
export type Inline = { kind: 'text' | 'bold' | 'code'; text: string } | { kind: 'link'; text: string; href: string };

/** Splits a paragraph's inline markup into runs. */
export function inlineRuns(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'bold', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'code', text: m[2] });
    else out.push({ kind: 'link', text: m[3] ?? '', href: m[4] ?? '' });
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Every image a section shows. */
export function imagesOf(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'img' ? [b.src] : []));
}
