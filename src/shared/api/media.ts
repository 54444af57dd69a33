// Contract of the photos from the field (issue 15): a photo as a proposal or a household refers to
// it, the household's kept photos, and the image route.

import { z } from 'zod';
import { MEDIA_TAGS } from './proposal-line.ts';

export const MediaTagSchema = z.enum(MEDIA_TAGS);

/** A photo referred to by a proposal: its hash (its name), its tag and where the image is served. */
export const MediaRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  tag: MediaTagSchema,
  url: z.string().describe('GET this (same session) for the image: /api/v1/media/{sha256}'),
});

/** A photo kept with a household: from which approved proposal, since when. */
export const HouseholdMediaItemSchema = MediaRefSchema.extend({
  proposalId: z.string(),
  addedAt: z.date(),
});

/** GET /api/v1/households/:idbdt/media: the household's kept photos, newest first. */
export const HouseholdMediaSchema = z.object({ items: z.array(HouseholdMediaItemSchema) });

export const MediaParamsSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** GET /api/v1/media/:sha256 answers the image bytes. */
export const MediaImageResponseSchemas = {
  200: z.string().meta({ format: 'binary' }).describe('The photo as the package carried it: image/jpeg or image/png'),
};

/** The URL of a photo's image. */
export const mediaUrl = (sha256: string): string => `/api/v1/media/${sha256}`;
