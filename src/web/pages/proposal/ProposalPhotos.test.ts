import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ProposalDetail } from '../../api/proposals.ts';
import { meOf, renderAs } from '../../test-support.ts';
import { ProposalPhotos } from './ProposalPhotos.tsx';

const sha = (c: string) => c.repeat(64);
const withMedia = (media: ProposalDetail['proposal']['media']) => ({ proposal: { media } }) as unknown as ProposalDetail;

describe('the photos of a proposal on the review page', () => {
  it('shows a thumbnail per photo with its tag, each linking to the full image', () => {
    const html = renderAs(
      meOf('SUPERVISOR'),
      createElement(ProposalPhotos, {
        data: withMedia([
          { sha256: sha('a'), tag: 'foto_rumah', url: `/api/v1/media/${sha('a')}` },
          { sha256: sha('b'), tag: 'foto_ktp', url: `/api/v1/media/${sha('b')}` },
        ]),
      }),
    );
    expect(html).toContain('Foto (2)');
    expect(html).toContain(`<img src="/api/v1/media/${sha('a')}" alt="Foto rumah"`);
    expect(html).toContain(`href="/api/v1/media/${sha('b')}"`);
    expect(html).toContain('aria-label="Buka Foto KTP dalam ukuran penuh"');
  });

  it('shows nothing for a proposal without photos', () => {
    expect(renderAs(meOf('SUPERVISOR'), createElement(ProposalPhotos, { data: withMedia([]) }))).toBe('');
  });
});
