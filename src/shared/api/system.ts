// Contract of the system routes outside the modules.
import { z } from 'zod';

/** GET /api/health: liveness and which database the server runs on. */
export const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });
