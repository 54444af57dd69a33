// The one pdfmake set-up of the server (letters, Berita Acara, the guide): its own Roboto fonts and
// nothing else — no network, no other file; images come as data URLs or buffers in the document.
import pdfmake from 'pdfmake';
import Roboto from 'pdfmake/fonts/Roboto.js';

const FONT_FILES = new Set(Object.values(Roboto.Roboto));
pdfmake.setFonts(Roboto);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => FONT_FILES.has(p));

/** Renders a pdfmake document definition to PDF bytes. */
export function renderPdf(doc: Record<string, unknown>): Promise<Buffer> {
  return pdfmake.createPdf(doc).getBuffer();
}
