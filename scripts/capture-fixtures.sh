#!/usr/bin/env bash
# Captures the parser fixtures from the lab's real CLI, named <tool>-<version>-<scenario>: buildx's metadata files,
# `imagetools inspect --raw`, `buildx inspect`, `buildx version`, plain progress (cache cold and warm) and error
# lines. Run it on a lab profile (scripts/lab.sh up): the runner profile gives buildx 0.29's.
#   scripts/capture-fixtures.sh [OUT_DIR]   (default __tests__/fixtures)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-__tests__/fixtures}
REG=localhost:5000
BK=moby/buildkit:buildx-stable-1
V=$(docker buildx version | awk '{print $2}' | sed -E 's/^v//; s/^([0-9]+\.[0-9]+).*/\1/')
W=$(mktemp -d)
B=fx-$$
trap 'docker buildx rm "$B" > /dev/null 2>&1 || true; rm -rf "$W"' EXIT
say() { printf '[fixtures] %s\n' "$*"; }
ctx() { # name dockerfile -> dir
  mkdir -p "$W/$1" && printf '%s' "$2" > "$W/$1/Dockerfile" && echo "$W/$1"
}
build() { # out-name builder [buildx build args...]: the metadata file and the plain progress
  local name=$1 builder=$2; shift 2
  docker buildx build --builder "$builder" --progress plain --metadata-file "$W/$name.json" "$@" 2> "$W/$name.txt"
}

docker buildx version > "$OUT/buildx-$V-version.txt"
docker buildx create --name "$B" --driver docker-container --driver-opt network=host --driver-opt "image=$BK" > /dev/null
RUNF=$(ctx run "FROM $REG/busybox:latest
RUN uname -m > /arch
CMD [\"cat\", \"/arch\"]
")
build push "$B" --platform linux/amd64,linux/arm64,linux/arm/v7 -t "$REG/fx/demo:1" -t "$REG/fx/demo:latest" --push "$RUNF"
cp "$W/push.json" "$OUT/buildx-$V-meta-push.json"
build single "$B" --platform linux/amd64 -t "$REG/fx/single:1" --push --provenance=false "$RUNF"
cp "$W/single.json" "$OUT/buildx-$V-meta-single.json"
build bydigest "$B" --platform linux/arm64 --output "type=image,\"name=$REG/fx/demo\",push-by-digest=true,name-canonical=true,push=true" "$RUNF"
cp "$W/bydigest.json" "$OUT/buildx-$V-meta-bydigest.json"
build load "$B" --platform linux/amd64 -t "$REG/fx/load:1" --load "$RUNF"
cp "$W/load.json" "$OUT/buildx-$V-meta-load.json"
docker buildx inspect "$B" > "$OUT/buildx-$V-inspect-docker-container.txt"
docker buildx inspect default > "$OUT/buildx-$V-inspect-docker.txt"
docker buildx imagetools inspect --raw "$REG/fx/demo:1" > "$OUT/imagetools-$V-raw-oci-index-3platforms.json"
docker buildx imagetools inspect --raw "$REG/fx/single:1" > "$OUT/imagetools-$V-raw-single-manifest.json"
say "metadata, inspect, imagetools: done"

# the cache: cold (exported to the registry), then warm on a fresh builder (every step CACHED)
CACHEF=$(ctx cache "FROM $REG/busybox:latest
RUN echo one > /one
RUN echo two > /two
RUN uname -m > /arch
")
cache="type=registry,ref=$REG/fx/cache:$V-$$"
build cold "$B" --platform linux/amd64,linux/arm64,linux/arm/v7 --cache-to "$cache,mode=max" --cache-from "$cache" "$CACHEF"
cp "$W/cold.txt" "$OUT/buildx-$V-cache-cold-3platforms.txt"
docker buildx rm "$B" > /dev/null
docker buildx create --name "$B" --driver docker-container --driver-opt network=host --driver-opt "image=$BK" > /dev/null
build warm "$B" --platform linux/amd64,linux/arm64,linux/arm/v7 --cache-to "$cache,mode=max" --cache-from "$cache" "$CACHEF"
cp "$W/warm.txt" "$OUT/buildx-$V-cache-warm-3platforms.txt"
say "cache progress: done"

# errors: a failing RUN, a base without the platform
build failed "$B" --platform linux/amd64 "$(ctx failed "FROM $REG/busybox:latest
RUN echo about to fail && false
")" || true
cp "$W/failed.txt" "$OUT/buildx-$V-build-failed.log"
build nomatch "$B" --platform linux/amd64,linux/riscv64 "$(ctx nomatch "FROM $REG/busybox:latest
RUN true
")" || true
cp "$W/nomatch.txt" "$OUT/buildx-$V-no-match-for-platform.txt"
say "errors: done; files in $OUT named buildx-$V-* and imagetools-$V-*"

# errors of a faulty registry (push 401/429/503/reset, boot pull 503) and of a cache export, through the fault proxy
node_modules/.bin/node scripts/capture-fault-fixtures.mjs "$OUT"
