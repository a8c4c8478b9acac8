#!/usr/bin/env bash
# The demo: brings up the lab, then runs the action (dist/index.js, main + post, as the runner does) to build
# examples/demo for three platforms, push it to the lab's registry and print the verification table.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
SMOKE=0 bash scripts/lab.sh up
tag=localhost:5000/xbuild/demo
node scripts/run-action.mjs \
  platforms=linux/amd64,linux/arm64,linux/arm/v7 \
  context=examples/demo \
  build-args=BASE=localhost:5000/busybox:latest \
  "tags=$tag:$(date +%Y%m%d-%H%M%S)\\n$tag:latest" \
  push=true \
  buildkit-image=moby/buildkit:buildx-stable-1
echo
for p in linux/amd64 linux/arm64 linux/arm/v7; do
  printf '%-13s %s\n' "$p" "$(docker run --rm --pull always --platform "$p" "$tag:latest" 2>/dev/null)"
done
