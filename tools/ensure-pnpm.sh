# Sourced by the repository's scripts (quick start, pack-local): the environment they share and
# pnpm, at the version package.json pins, through corepack. Needs only Node >= 20.19 and npm.

# corepack's registry signature check fails behind some registry mirrors; skipping it is safe
# here because pnpm's version is pinned in package.json's packageManager field.
export COREPACK_INTEGRITY_KEYS=0
# The build tool's telemetry stays off and its notice unprinted.
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  corepack enable
fi
