#!/usr/bin/env bash
# scripts/lab/down.sh - stop exactly what scripts/lab/up.sh started, by its pid files under $LAB:
#   $LAB/dockerd-node2.pid, $LAB/dockerd.pid, $LAB/registry.pid, $LAB/sshd.pid
# plus the containerd shims that those dockerds' own containerd started (found by their
# -address under $LAB, stopped by pid), leftover mounts under $LAB and the bridges it created.
# Nothing is matched by process name alone. binfmt_misc entries and the buildx plugin stay.
#   LAB [/tmp/lab]   PURGE=1: also delete docker data-roots and registry storage (keeps .debs)
#   PURGE=all: delete $LAB entirely   UNREGISTER_BINFMT=1: remove the qemu-* binfmt entries whose interpreter is
#   under $LAB | all: every qemu-* entry (the installer image's too), as on a machine that never ran the lab
set -uo pipefail
LAB=${LAB:-/tmp/lab}
PURGE=${PURGE:-0}
log() { printf '[lab-down %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

running() { # pid -> 0 if it runs and is not a zombie
  [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}
stop_pidfile() { # pidfile expected-cmdline-substring timeout-seconds
  local f=$1 want=$2 t=$3 pid
  pid=$(cat "$f" 2>/dev/null) || return 0
  if [ -z "$pid" ] || ! running "$pid"; then log "$(basename "$f"): not running"; rm -f "$f"; return 0; fi
  if ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$want"; then
    log "$(basename "$f"): pid $pid is not $want any more; left alone"; rm -f "$f"; return 0
  fi
  log "stopping $want (pid $pid)"
  kill -TERM "$pid" 2>/dev/null
  local i
  for i in $(seq 1 $((t * 10))); do running "$pid" || break; sleep 0.1; done
  if running "$pid"; then log "pid $pid still up after ${t}s: SIGKILL"; kill -KILL "$pid" 2>/dev/null; sleep 0.5; fi
  rm -f "$f"
}

t0=$(date +%s.%N)
stop_pidfile "$LAB/dockerd-node2.pid" dockerd 40
stop_pidfile "$LAB/dockerd.pid" dockerd 40
stop_pidfile "$LAB/registry.pid" docker-registry 10
stop_pidfile "$LAB/sshd.pid" sshd 10

# shims (and their containers) left by our containerd instances, identified by their -address under $LAB
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  cmd=$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null) || continue
  case "$cmd" in
    *containerd-shim*"$LAB/"*) log "stopping leftover shim pid $pid"; kill -TERM "$pid" 2>/dev/null ;;
  esac
done

# mounts left under $LAB (netns bind mounts, overlay snapshots), deepest first
grep -F " $LAB/" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do
  umount -l "$m" 2>/dev/null && log "unmounted $m"
done

for f in "$LAB"/run/bridge-*.created; do
  [ -e "$f" ] || continue
  b=${f##*/bridge-}; b=${b%.created}
  ip link del "$b" 2>/dev/null && log "deleted bridge $b"
  rm -f "$f"
done

if [ "${UNREGISTER_BINFMT:-0}" != 0 ]; then
  for e in /proc/sys/fs/binfmt_misc/qemu-*; do
    [ -e "$e" ] || continue
    [ "$UNREGISTER_BINFMT" = all ] || grep -q "^interpreter $LAB/" "$e" || continue
    echo -1 > "$e" && log "unregistered ${e##*/}"
  done
fi

case "$PURGE" in
  1) rm -rf "$LAB"/docker "$LAB"/docker-* "$LAB/registry" "$LAB/run" && log "purged data under $LAB" ;;
  all) rm -rf "$LAB" && log "removed $LAB" ;;
esac
log "done in $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-5)s"
