#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry. Users never need this: the files
# are committed. Run from the repository root: bash scripts/vendor_static.sh
set -euo pipefail
dest=src/bluebridge/core/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @uswds/uswds@3.14.0 leaflet@1.9.4 htmx.org@2.0.11 >/dev/null)
for f in "$work"/*.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
u=$(ls -d "$work"/uswds-uswds-*/package/dist)
rm -rf "$dest/uswds" && mkdir -p "$dest/uswds/css" "$dest/uswds/js"
cp "$u/css/uswds.min.css" "$dest/uswds/css/"
cp "$u/js/uswds.min.js" "$u/js/uswds-init.min.js" "$dest/uswds/js/"
cp "$u/../LICENSE.md" "$dest/uswds/"
# Only the images and fonts the stylesheet refers to.
grep -o 'url(\.\./[^)]*)' "$u/css/uswds.min.css" | sed 's/url(\.\.\///;s/)$//' | sort -u |
  while read -r f; do mkdir -p "$dest/uswds/$(dirname "$f")"; cp "$u/$f" "$dest/uswds/$f"; done
l=$(ls -d "$work"/leaflet-*/package)
rm -rf "$dest/leaflet" && mkdir -p "$dest/leaflet"
cp -r "$l/dist/leaflet.js" "$l/dist/leaflet.css" "$l/dist/images" "$l/LICENSE" "$dest/leaflet/"
h=$(ls -d "$work"/htmx.org-*/package)
rm -rf "$dest/htmx" && mkdir -p "$dest/htmx"
cp "$h/dist/htmx.min.js" "$h/LICENSE" "$dest/htmx/"
echo "vendored into $dest"
