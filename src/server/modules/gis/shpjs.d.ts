// The little of shpjs 6 (no bundled types) that the boundary load uses: a zipped Shapefile as GeoJSON.
declare module 'shpjs' {
  /** One FeatureCollection per layer of the ZIP (a single one when it holds one layer). */
  export function parseZip(buffer: ArrayBuffer | Uint8Array, whiteList?: string[]): Promise<unknown>;
}
