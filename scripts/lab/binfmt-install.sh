#!/bin/sh
# Entrypoint of the lab's binfmt installer image: the same arguments as the usual binfmt image,
#   --install LIST   (comma-separated: arm64,arm,ppc64le,s390x,riscv64 or all)
#   --uninstall LIST
#   (none)           print the status
# It registers Debian's static QEMU (copied into this image under /usr/libexec/qemu-binfmt) with the
# F flag, so the kernel keeps the interpreter open and it works in every container after this one exits.
set -eu
BM=/proc/sys/fs/binfmt_misc
[ -e "$BM/register" ] || mount -t binfmt_misc binfmt_misc "$BM"

qemu_name() {
  case "$1" in
    arm64) echo aarch64 ;;
    arm | ppc64le | s390x | riscv64) echo "$1" ;;
    *) return 1 ;;
  esac
}
expand() { [ "$1" = all ] && echo "arm64,arm,ppc64le,s390x,riscv64" || echo "$1"; }

status() {
  printf '{"supported":["linux/amd64","linux/386"'
  for a in arm64 arm ppc64le s390x riscv64; do
    q=$(qemu_name "$a")
    [ -e "$BM/qemu-$q" ] && printf ',"linux/%s"' "$a"
  done
  printf '],"emulators":['
  sep=""
  for f in "$BM"/qemu-*; do [ -e "$f" ] && printf '%s"%s"' "$sep" "${f##*/}" && sep=","; done
  printf ']}\n'
}

case "${1:-}" in
  --install)
    for a in $(expand "${2:?--install needs a list}" | tr ',' ' '); do
      q=$(qemu_name "$a") || { echo "installing: $a: unsupported architecture" >&2; exit 1; }
      if [ -e "$BM/qemu-$q" ]; then echo "installing: $a: already registered"; continue; fi
      grep -v '^#' "/usr/share/qemu/binfmt.d/qemu-$q.conf" > "$BM/register"
      echo "installing: $a OK"
    done
    ;;
  --uninstall)
    for a in $(expand "${2:?--uninstall needs a list}" | tr ',' ' '); do
      q=$(qemu_name "$a") || continue
      [ -e "$BM/qemu-$q" ] && echo -1 > "$BM/qemu-$q" && echo "uninstalling: $a OK"
    done
    ;;
  "") ;;
  *) echo "usage: --install LIST | --uninstall LIST" >&2; exit 2 ;;
esac
status
