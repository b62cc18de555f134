#!/bin/sh
# The installable app's icons (manifest.webmanifest), made once from public/favicon.svg with Debian's
# rsvg-convert (apt-get install -y librsvg2-bin) and committed; re-run after changing the favicon.
#   icon-192.png, icon-512.png      "any": the favicon as it is (rounded blue square, white bubble)
#   maskable-512.png, apple-touch   "maskable": full-bleed blue, the bubble shrunk into the 80 % safe zone
#                                   that launchers may crop to a circle or squircle
set -eu
cd "$(dirname "$0")/../src/main/resources/public"
mkdir -p icons
rsvg-convert -w 192 -h 192 favicon.svg -o icons/icon-192.png
rsvg-convert -w 512 -h 512 favicon.svg -o icons/icon-512.png
# the favicon's bubble path, scaled to 60 % around the centre, on a square without rounded corners
bubble=$(sed -n 's/.*<path d="\([^"]*\)".*/\1/p' favicon.svg)
tmp=$(mktemp --suffix=.svg)
trap 'rm -f "$tmp"' EXIT
cat > "$tmp" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0a58ca"/><path transform="translate(6.4 6.4) scale(.6)" d="$bubble" fill="#fff"/></svg>
SVG
rsvg-convert -w 512 -h 512 "$tmp" -o icons/maskable-512.png
rsvg-convert -w 192 -h 192 "$tmp" -o icons/maskable-192.png
rsvg-convert -w 180 -h 180 "$tmp" -o icons/apple-touch-icon.png
ls -l icons
