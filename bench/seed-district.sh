#!/usr/bin/env bash
# Times `siks demo seed --kab 3174 --households N` on a fresh embedded database (PGlite on disk)
# and on a throw-away PostgreSQL 15 cluster, with the process's peak RSS (GNU time).
# Usage: bash bench/seed-district.sh [N]   (default 200000). Writes bench/results/seed-district.json.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SIKS_DATA_DIR="$tmp/data"

# Prepare the database (migrations + regions) first so the timing covers the seed alone.
node bin/siks.mjs regions stats --json >/dev/null
measure() { # label, then the command
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null
  read -r secs kib < "$tmp/time"
  printf '{"engine":"%s","households":%s,"seconds":%s,"peakRssMiB":%s}\n' "$label" "$N" "$secs" "$((kib / 1024))"
}
{
  measure pglite node bin/siks.mjs demo seed --kab 3174 --households "$N" --seed 1
  node scripts/with-postgres.mjs bash -c "node bin/siks.mjs regions stats --json >/dev/null && /usr/bin/time -f '%e %M' -o '$tmp/time' node bin/siks.mjs demo seed --kab 3174 --households $N --seed 1 >/dev/null" >/dev/null
  read -r secs kib < "$tmp/time"
  printf '{"engine":"postgres","households":%s,"seconds":%s,"peakRssMiB":%s}\n' "$N" "$secs" "$((kib / 1024))"
} | tee bench/results/seed-district.json
