#!/usr/bin/env bash
# Builds the latentkit packages from this clone and packs them as npm tarballs, the way they
# will be published (`workspace:` ranges rewritten to versions), so any project can install them
# before they are on the registry:
#
#   bash tools/pack-local.sh ../latentkit-packages
#   cd my-app && npm install ../latentkit-packages/*.tgz
#
# Needs only Node >= 20.19 and npm (pnpm comes through corepack). DEST defaults to ./packed.
set -euo pipefail
dest=${1:-packed}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
cd "$(dirname "$0")/.."
source tools/ensure-pnpm.sh
pnpm install --frozen-lockfile
pnpm exec turbo run build --filter='./packages/*' --output-logs=errors-only
rm -f "$dest"/latentkit-*.tgz
for dir in packages/*/; do
  (cd "$dir" && pnpm pack --pack-destination "$dest" >/dev/null)
done
echo
echo "Packed into $dest:"
(cd "$dest" && ls -1 latentkit-*.tgz)
echo
echo "Install them in your project with:  npm install $dest/*.tgz"
