// Contract of the system routes outside the modules.
import { z } from 'zod';

/** GET /api/health: liveness and which database the server runs on. */
export const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });

/** GET /panduan and /panduan.pdf: the Petunjuk Teknis in Bahasa Indonesia (default) or English. */
export const GuideQuery = z.object({ lang: z.enum(['id', 'en']).optional() });

/** GET /panduan/gambar/{name}: one screenshot of the guide. */
export const GuideImageParams = z.object({ name: z.string().max(100) });
