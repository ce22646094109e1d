#!/usr/bin/env bash
# Downloads the O*NET, SOC 2018 and BLS tables from their publishers into DATA_DIR, in the layout
# the occupations loader reads (libs/occupations):
#
#   onet/*.txt   O*NET 29.3 database, text edition (tab-delimited), O*NET Resource Center, CC BY 4.0
#   soc/         SOC 2018 structure and definitions (BLS); O*NET-SOC 2019 -> SOC 2018 crosswalk (O*NET)
#   bls/         OEWS national estimates, May 2024; Employment Projections 2024-34 (occupation.xlsx,
#                Table 1.2); O*NET-SOC -> National Employment Matrix crosswalk
#
#   npm run data:fetch               # into DATA_DIR (default ../shared/data beside the repository)
#   npm run data:fetch -- --force    # replace tables that are already there
#
# Needs curl, unzip and internet access to www.onetcenter.org and www.bls.gov. Everything is
# downloaded into a temporary folder first; DATA_DIR is written only once every download worked.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${DATA_DIR:-$REPO_ROOT/../shared/data}"
ONET_VERSION="${ONET_VERSION:-29_3}"
FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "[data:fetch] unknown option $arg (known: --force)" >&2; exit 2 ;;
  esac
done

# BLS answers 403 to clients that do not say who they are.
USER_AGENT="${FETCH_USER_AGENT:-jobportal-data-fetch/1.0 (+https://github.com/; set FETCH_USER_AGENT to your contact e-mail)}"

ONET_BASE="https://www.onetcenter.org"
downloads=(
  "$ONET_BASE/dl_files/database/db_${ONET_VERSION}_text.zip|db_${ONET_VERSION}_text.zip|required"
  "$ONET_BASE/taxonomy/2019/soc/2019_to_SOC_Crosswalk.xlsx|2019_to_SOC_Crosswalk.xlsx|required"
  "https://www.bls.gov/soc/2018/soc_structure_2018.xlsx|soc_structure_2018.xlsx|required"
  "https://www.bls.gov/soc/2018/soc_2018_definitions.xlsx|soc_2018_definitions.xlsx|required"
  "https://www.bls.gov/oes/special-requests/oesm24nat.zip|oesm24nat.zip|required"
  "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx|occupation.xlsx|required"
  "https://www.bls.gov/emp/documentation/nem-onet-to-soc-crosswalk.xlsx|nem-onet-to-soc-crosswalk.xlsx|optional"
)

for tool in curl unzip node; do
  command -v "$tool" >/dev/null 2>&1 || { echo "[data:fetch] $tool is not installed; install it and run again." >&2; exit 1; }
done

if [ "$FORCE" -eq 0 ] && { [ -f "$DATA_DIR/onet/occupation_data.csv" ] || [ -f "$DATA_DIR/onet/Occupation Data.txt" ]; }; then
  echo "[data:fetch] $DATA_DIR already holds the O*NET tables; nothing to do (--force downloads and replaces them)."
  exit 0
fi

converter="$REPO_ROOT/libs/occupations/dist/fetch/convert-downloads.js"
[ -f "$converter" ] || { echo "[data:fetch] $converter is missing: build first (npm run data:fetch does, via tsc -b libs/occupations)." >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/jobportal-fetch.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

for entry in "${downloads[@]}"; do
  IFS='|' read -r url file need <<<"$entry"
  echo "[data:fetch] downloading $url"
  if ! err="$(curl --fail --silent --show-error --location --retry 2 --connect-timeout 20 --max-time 600 \
      --user-agent "$USER_AGENT" --output "$tmp/$file" "$url" 2>&1)"; then
    rm -f "$tmp/$file"
    err="$(printf '%s\n' "$err" | tail -n 1)"  # curl repeats the error once per retry
    if [ "$need" = optional ]; then
      echo "[data:fetch] skipped optional $file: $err"
      continue
    fi
    cat >&2 <<EOF
[data:fetch] could not download $url
[data:fetch]   $err
[data:fetch] This machine needs internet access to www.onetcenter.org and www.bls.gov. Where it has none
[data:fetch] (CI, sandboxes), point DATA_DIR at a folder that already holds the tables (../shared/data here).
[data:fetch] Nothing was written to $DATA_DIR.
EOF
    exit 1
  fi
done

unzip -q -o "$tmp/db_${ONET_VERSION}_text.zip" -d "$tmp"
mkdir -p "$DATA_DIR"
node "$converter" "$tmp" "$DATA_DIR"
echo "[data:fetch] done: tables in $DATA_DIR (O*NET $ONET_VERSION text edition, SOC 2018, OEWS May 2024, EP 2024-34)."
