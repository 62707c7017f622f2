#!/bin/sh
# Register the app with a Linux desktop for the current user: menu entry, icon, and .ldbundle files
# opened by the app. Run after `pip install` (or with the one-folder build's folder on PATH).
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
icons="$here/../../resources/icons"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$icons/assessor-app-$size.png" "$data/icons/hicolor/${size}x${size}/apps/assessor-app.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/applications"
cp "$icons/assessor-app.svg" "$data/icons/hicolor/scalable/apps/assessor-app.svg"
cp "$here/assessor-app.desktop" "$data/applications/assessor-app.desktop"
xdg-mime install --novendor "$here/assessor-app-bundle.xml" 2>/dev/null || {
  mkdir -p "$data/mime/packages" && cp "$here/assessor-app-bundle.xml" "$data/mime/packages/" &&
  update-mime-database "$data/mime" 2>/dev/null || true
}
xdg-mime default assessor-app.desktop application/x-assessor-bundle 2>/dev/null || true
update-desktop-database "$data/applications" 2>/dev/null || true
echo "assessor-app registered in $data"
