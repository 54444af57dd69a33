// Client call of Pusdatin's boundary load (F14): a GeoJSON or zipped Shapefile, multipart.
import type { BoundaryLoadResultSchema } from '../../shared/api/boundaries.ts';
import type { Wire } from '../../shared/api/common.ts';
import { request } from './client.ts';

export { BOUNDARY_FILE_MAX_BYTES } from '../../shared/api/boundaries.ts';
export type BoundaryLoadResult = Wire<typeof BoundaryLoadResultSchema>;

export const boundariesApi = {
  /** Loads the region shapes of a file; a refused file is an ApiError naming the feature's code. */
  load(file: File): Promise<BoundaryLoadResult> {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<BoundaryLoadResult>('POST', '/api/v1/boundaries', { form });
  },
};
