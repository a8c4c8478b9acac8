#!/bin/sh
# Entrypoint of the lab's binfmt installer image: the same arguments as the usual binfmt image,
#   --uninstall LIST (arch or entry names, globs: qemu-aarch64, qemu-*), done first
#   --install LIST   (comma-separated: arm64,arm,ppc64le,s390x,riscv64,386,mips64le,mips64,loong64 or all)
#   (either way)     print the status
# It registers Debian's static QEMU (copied into this image as /usr/bin/qemu-<arch>, where the usual image keeps
# its own) with the flags the usual image uses, CF: with F the kernel keeps the interpreter open, so it works in
# every container after this one exits. A distro's entry (/usr/libexec/qemu-binfmt/..., no F) does not run here.
set -eu
BM=/proc/sys/fs/binfmt_misc
[ -e "$BM/register" ] || mount -t binfmt_misc binfmt_misc "$BM"

qemu_name() {
  case "$1" in
    arm64) echo aarch64 ;;
    386) echo i386 ;;
    mips64le) echo mips64el ;;
    loong64) echo loongarch64 ;;
    arm | ppc64le | s390x | riscv64 | mips64) echo "$1" ;;
    *) return 1 ;;
  esac
}
ARCHS="arm64 arm ppc64le s390x riscv64 386 mips64le mips64 loong64"
expand() { [ "$1" = all ] && echo "$ARCHS" | tr ' ' ',' || echo "$1"; }

# prints to stdout, as the usual image does, only the status JSON; its log goes to stderr and it exits 0 even when
# an install failed (the caller reads the status). "supported" are the platforms a container runs: the usual image
# runs a test binary of each; here an enabled entry with the F flag, or one whose interpreter is in this container,
# and linux/386 when an i386 busybox runs here (natively on a kernel with IA32 emulation, else through qemu-i386).
runs_here() { # entry file
  grep -qx enabled "$1" || return 1
  grep -q '^flags:.*F' "$1" && return 0
  [ -e "$(sed -n 's/^interpreter //p' "$1")" ]
}
status() {
  printf '{\n  "supported": [\n    "linux/amd64"'
  /bin/busybox-386 true 2> /dev/null && printf ',\n    "linux/386"'
  for a in $ARCHS; do
    [ "$a" = 386 ] && continue
    q=$(qemu_name "$a")
    [ -e "$BM/qemu-$q" ] && runs_here "$BM/qemu-$q" || continue
    if [ "$a" = arm ]; then printf ',\n    "linux/arm/v7",\n    "linux/arm/v6"'; else printf ',\n    "linux/%s"' "$a"; fi
  done
  printf '\n  ],\n  "emulators": ['
  sep=""
  for f in "$BM"/*; do
    case "${f##*/}" in register | status) continue ;; esac
    grep -qx enabled "$f" 2> /dev/null && printf '%s\n    "%s"' "$sep" "${f##*/}" && sep=","
  done
  printf '\n  ]\n}\n'
}

# --uninstall takes arch names (arm64) or entry names and globs (qemu-aarch64, qemu-*), as the usual image does
uninstall() {
  for a in $(echo "$1" | tr ',' ' '); do
    if q=$(qemu_name "$a" 2> /dev/null); then a=qemu-$q; fi
    found=""
    for f in "$BM"/$a; do
      [ -e "$f" ] || continue
      found=1
      echo -1 > "$f" && echo "uninstalling: ${f##*/} OK" >&2
    done
    [ -n "$found" ] || echo "uninstalling: $a not found" >&2
  done
}

install() {
  for a in $(expand "$1" | tr ',' ' '); do
    q=$(qemu_name "$a") || { echo "installing: $a unsupported architecture: $a" >&2; continue; }
    if [ -e "$BM/qemu-$q" ]; then echo "installing: $a qemu-$q already registered" >&2; continue; fi
    grep -v '^#' "/usr/share/qemu/binfmt.d/qemu-$q.conf" |
      sed "s#:[^:]*:[A-Z]*\$#:/usr/bin/qemu-$q:CF#" > "$BM/register"
    echo "installing: $a OK" >&2
  done
}

uninstall_list="" install_list=""
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install_list=${2:?--install needs a list}; shift 2 ;;
    --uninstall) uninstall_list=${2:?--uninstall needs a list}; shift 2 ;;
    *) echo "usage: [--uninstall LIST] [--install LIST]" >&2; exit 2 ;;
  esac
done
[ -z "$uninstall_list" ] || uninstall "$uninstall_list"
[ -z "$install_list" ] || install "$install_list"
status
