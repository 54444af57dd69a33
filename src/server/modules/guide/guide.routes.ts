// The Petunjuk Teknis: /panduan (HTML), /panduan.pdf and the screenshots under /panduan/gambar/.
// Public like the login page: the guide holds demo data only. Read from docs/panduan once per
// process; the PDF is built on its first request and kept.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuideImageParams, GuideQuery } from '../../../shared/api/system.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { FastifyZod } from '../../http/types.ts';
import { GUIDE_CSS, type GuideLang, renderGuideHtml } from './guide.html.ts';
import { type Guide, parseGuide } from './guide.parse.ts';
import { renderGuidePdf } from './guide.pdf.ts';

export const GUIDE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/panduan');
const IMAGE_NAME = /^[a-z0-9-]+\.(jpg|png)$/;

const guides = new Map<GuideLang, Guide>();
const pdfs = new Map<GuideLang, Promise<Buffer>>();

/** The parsed guide of a language (docs/panduan/<lang>.md), read once per process. */
export function loadGuide(lang: GuideLang): Guide {
  let g = guides.get(lang);
  if (!g) {
    g = parseGuide(fs.readFileSync(path.join(GUIDE_DIR, `${lang}.md`), 'utf8'));
    guides.set(lang, g);
  }
  return g;
}

/** The file of a screenshot named in the guide (`gambar/x.jpg`), or null for a name that is not one. */
export function imagePath(src: string): string | null {
  const name = src.replace(/^gambar\//, '');
  return IMAGE_NAME.test(name) ? path.join(GUIDE_DIR, 'gambar', name) : null;
}

function dataUrl(src: string): string | null {
  const file = imagePath(src);
  if (!file || !fs.existsSync(file)) return null;
  const type = file.endsWith('.png') ? 'image/png' : 'image/jpeg';
  return `data:${type};base64,${fs.readFileSync(file).toString('base64')}`;
}

export function guideRoutes(app: FastifyZod, _ctx: AppContext): void {
  const hide = { hide: true } as const;
  app.get('/panduan', { schema: { ...hide, querystring: GuideQuery } }, async (req, reply) => {
    const lang = req.query.lang ?? 'id';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(renderGuideHtml(loadGuide(lang), lang));
  });
  app.get('/panduan/panduan.css', { schema: hide }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(GUIDE_CSS),
  );
  app.get('/panduan.pdf', { schema: { ...hide, querystring: GuideQuery } }, async (req, reply) => {
    const lang = req.query.lang ?? 'id';
    let pdf = pdfs.get(lang);
    if (!pdf) {
      pdf = renderGuidePdf(loadGuide(lang), lang, dataUrl);
      pdfs.set(lang, pdf);
      pdf.catch(() => pdfs.delete(lang));
    }
    const body = await pdf;
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="panduan-siks-ng${lang === 'en' ? '-en' : ''}.pdf"`)
      .header('cache-control', 'public, max-age=300')
      .send(body);
  });
  app.get('/panduan/gambar/:name', { schema: { ...hide, params: GuideImageParams } }, async (req, reply) => {
    const file = imagePath(req.params.name);
    if (!file || !fs.existsSync(file)) throw new AppError('NOT_FOUND');
    return reply
      .type(file.endsWith('.png') ? 'image/png' : 'image/jpeg')
      .header('cache-control', 'public, max-age=3600')
      .send(fs.readFileSync(file));
  });
}
