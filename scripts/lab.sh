#!/usr/bin/env bash
# The project's lab: `scripts/lab.sh up` brings up (idempotently, from Debian packages only) dockerd 26 with
# buildx, QEMU in binfmt_misc, a registry on 127.0.0.1:5000, a multi-arch busybox base, the BuildKit image,
# a second dockerd as a native node and the binfmt installer image; `scripts/lab.sh down` stops what up started.
# Knobs: see the header of scripts/lab/up.sh (LAB, NODE2, BUILDKIT, BINFMT, SMOKE, ...).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-up}" in
  up) exec bash "$here/lab/up.sh" ;;
  down) exec bash "$here/lab/down.sh" ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
