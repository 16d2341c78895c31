#!/usr/bin/env bash
# One command from a fresh clone to the main job: set up the toolchain, install, build,
# and run the benchmark's quick default suite. Needs only Node >= 20.19 and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/ensure-pnpm.sh
pnpm install --frozen-lockfile
pnpm bench "$@"
