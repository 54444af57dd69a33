-- Web GIS (issue 12, F14): region shapes loaded by Pusdatin, and household coordinates.
--
-- region_boundaries holds one display shape per Kemendagri code of any level (provinsi, kabkota,
-- kecamatan, desa), already simplified for the screen, as a GeoJSON geometry (Polygon or
-- MultiPolygon, WGS84 longitude/latitude). A later load replaces the shapes of the codes it holds.
-- bbox is [west, south, east, north] so that a viewport query needs no geometry work in SQL (PGlite
-- has no PostGIS).
CREATE TABLE region_boundaries (
  code varchar(10) COLLATE "C" PRIMARY KEY REFERENCES regions(code),
  level varchar(9) NOT NULL CHECK (level IN ('provinsi', 'kabkota', 'kecamatan', 'desa')),
  parent_code varchar(10) COLLATE "C" REFERENCES regions(code),
  geometry jsonb NOT NULL CHECK (geometry->>'type' IN ('Polygon', 'MultiPolygon')),
  west double precision NOT NULL CHECK (west BETWEEN -180 AND 180),
  south double precision NOT NULL CHECK (south BETWEEN -90 AND 90),
  east double precision NOT NULL CHECK (east BETWEEN -180 AND 180),
  north double precision NOT NULL CHECK (north BETWEEN -90 AND 90),
  -- DEMO for the generated shapes of the demo district; LOAD for a Pusdatin load (source names the file).
  origin varchar(4) NOT NULL CHECK (origin IN ('DEMO', 'LOAD')),
  source varchar(255),
  loaded_at timestamptz NOT NULL DEFAULT now(),
  loaded_by bigint REFERENCES users(id) ON DELETE SET NULL,
  CHECK (west <= east AND south <= north)
);
CREATE INDEX region_boundaries_parent_idx ON region_boundaries (parent_code, code);

-- Where a household lives, when known (the questionnaire has no coordinates; the demo generates
-- them inside the household's desa, and a later survey or load may add them). kab_kota first in
-- the key like every district-owned table (migration 0016), so a distribution by district keeps a
-- district's points together. A household moved to another desa or district loses its point (the
-- old house is not the new one).
CREATE TABLE household_locations (
  kab_kota varchar(4) COLLATE "C" NOT NULL REFERENCES regions(code) CHECK (kab_kota ~ '^[0-9]{4}$'),
  idbdt char(16) COLLATE "C" NOT NULL REFERENCES households(idbdt) ON DELETE CASCADE,
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  PRIMARY KEY (kab_kota, idbdt)
);
CREATE UNIQUE INDEX household_locations_idbdt_key ON household_locations (idbdt);
-- Viewport queries: a district's points inside a latitude band, then filtered by longitude.
CREATE INDEX household_locations_grid_idx ON household_locations (kab_kota, lat, lng);
