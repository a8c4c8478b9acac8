# scripts/lab/buildkit-forky.sh - sourced by up.sh: BuildKit v0.25.2 (the one Docker 28.5.2 vendors, as the hosted
# runners' BuildKit 0.2x images) for the forky profiles, compiled from Debian forky's sources:
#   * the source: golang-github-docker-docker-dev ships github.com/moby/buildkit under /usr/share/gocode;
#   * the libraries: golang-1.27 and the golang-*-dev packages of that package's dependency closure (apt-cache
#     resolves it against the private forky state), plus the 20 in BK25_EXTRA that buildkitd and buildctl import
#     beyond it;
#   * tonistiigi/go-actions-cache (the gha cache client) and moby/profiles, which Debian does not package, from
#     the vendor folder of the engine's orig tarball (the buildkit component tarball answers 404);
#   * GOPATH mode with the major-version paths coreos/go-systemd/v22 and mitchellh/hashstructure/v2 pointed at those
#     packages' folders;
#   * cmd/buildkitd without the fuse-overlayfs and stargz snapshotters (Debian packages them against containerd 1.x;
#     a docker-container builder uses overlayfs), as Debian patches its own BuildKit.
# Uses up.sh's LAB, LAB_CACHE, BK, BK_BIN, log, die, apt_state, apt_update, aptp, fetch_debs and bk_compile.
BK25_GO=golang-1.27
BK25_EXTRA="agext-levenshtein containerd-accelerated-container-image coreos-go-systemd gofrs-flock google-shlex
hashicorp-go-immutable-radix-v2 mitchellh-hashstructure package-url-packageurl-go pkg-profile spdx-tools-golang
tonistiigi-go-archvariant azure-azure-sdk-for-go anchore-go-struct-converter dimchansky-utfbom felixge-fgprof
azuread-microsoft-authentication-library-for-go golang-jwt-jwt-v5 kylelemons-godebug pkg-browser cli-browser"
BK25_SRC=$LAB_CACHE/src/forky
# drops the two snapshotters from cmd/buildkitd/main_oci_worker.go, and the imports only they used
read -r -d '' BK25_PATCH << 'PYEOF' || true
import re, sys
p = sys.argv[1]
s = "\n".join(l for l in open(p).read().split("\n") if not re.search(r"(fuse-overlayfs-snapshotter|stargz-snapshotter)", l))
a = s.index('\t\t\tbklog.L.Debugf("auto snapshotter: overlayfs is not available for %s, trying fuse-overlayfs')
b = s.index('\t\tbklog.L.Infof("auto snapshotter: using %s", name)')
s = s[:a] + '\t\t\tname = "native"\n\t\t}\n' + s[b:]
a = s.index('\tcase "fuse-overlayfs":')
b = s.index('\tdefault:\n\t\treturn snFactory, errors.Errorf("unknown snapshotter name')
s = s[:a] + s[b:]
s = s[: s.index("const (\n\t// targetRefLabel")].rstrip() + "\n"
for imp in ['"fmt"', '"path/filepath"', '"strings"', '"github.com/containerd/containerd/v2/pkg/reference"',
            '"github.com/moby/buildkit/util/resolver"', '"github.com/pelletier/go-toml"', '"github.com/sirupsen/logrus"']:
    s = s.replace("\t" + imp + "\n", "", 1)
open(p, "w").write(s)
PYEOF

bk25_packages() { # the Go toolchain and every library package, resolved in forky's index
  local st=$LAB/apt/forky
  apt_update forky >&2
  # shellcheck disable=SC2046
  apt-cache -oDir::State::Lists="$st/lists" -oDir::Cache="$st/cache" -oDir::Etc::SourceList="$st/sources.list" \
    -oDir::Etc::SourceParts=/nonexistent -oAPT::Architecture=amd64 $(cat "$st/archopts") \
    depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    golang-github-docker-docker-dev 2> /dev/null | grep -E '^golang-.*-dev$' | sort -u
  echo "$BK25_GO-go $BK25_GO-src"
  for n in $BK25_EXTRA; do echo "golang-github-$n-dev"; done
}
bk25_fetch_source() { # the engine's orig tarball (its vendor folder has the two libraries Debian lacks)
  mkdir -p "$BK25_SRC"
  compgen -G "$BK25_SRC/docker.io_*.orig.tar.xz" > /dev/null && return 0
  apt_state forky-src=forky src
  apt_update forky-src
  # the buildkit component tarball answers 404, so apt reports an error: the engine tarball is all that is needed
  (cd "$BK25_SRC" && aptp forky-src source --download-only docker.io > "$LAB/log/apt-source-forky.log" 2>&1) || true
  compgen -G "$BK25_SRC/docker.io_*.orig.tar.xz" > /dev/null ||
    { tail -n 20 "$LAB/log/apt-source-forky.log"; die "apt-get source docker.io (forky) gave no orig tarball"; }
}
build_buildkitd_forky() {
  bk_built && return 0
  bk25_fetch_source
  local pkgs p f; pkgs=$(bk25_packages | tr '\n' ' ')
  # shellcheck disable=SC2086
  fetch_debs forky $pkgs
  mkdir -p "$BK/root" "$BK_BIN"
  for p in $pkgs; do
    f=$(compgen -G "$LAB_CACHE/debs/forky/${p}_*.deb" | sort | tail -n 1)
    [ -n "$f" ] || die "missing .deb for $p"
    echo "$f"
  done > "$BK/debs.list"
  # ~530 packages: four extractions at a time
  xargs -P 4 -I {} sh -c 's="$2/.stamp-$(basename "$1")"; [ -e "$s" ] || { dpkg-deb -x "$1" "$2" && touch "$s"; }' _ {} "$BK/root" \
    < "$BK/debs.list" || die "extracting Go packages failed"
  local GP=$BK/gopath/src/github.com S=$BK/root/usr/share/gocode/src/github.com
  rm -rf "$BK/gopath" "$BK/vendor"; mkdir -p "$GP/moby" "$GP/tonistiigi" "$GP/coreos/go-systemd" "$GP/mitchellh/hashstructure" "$BK/vendor"
  cp -a "$S/moby/buildkit" "$GP/moby/"
  tar -xJf "$(compgen -G "$BK25_SRC/docker.io_*.orig.tar.xz" | sort | tail -n 1)" -C "$BK/vendor" --wildcards \
    '*/engine/vendor/github.com/tonistiigi/go-actions-cache/*' '*/engine/vendor/github.com/moby/profiles/*'
  cp -a "$BK"/vendor/*/engine/vendor/github.com/tonistiigi/go-actions-cache "$GP/tonistiigi/"
  cp -a "$BK"/vendor/*/engine/vendor/github.com/moby/profiles "$GP/moby/"
  ln -sfn "$S/coreos/go-systemd" "$GP/coreos/go-systemd/v22"
  ln -sfn "$S/mitchellh/hashstructure" "$GP/mitchellh/hashstructure/v2"
  python3 -c "$BK25_PATCH" "$GP/moby/buildkit/cmd/buildkitd/main_oci_worker.go" || die "patching cmd/buildkitd failed"
  # the version Docker 28.5.2 vendors, from the engine's vendor/modules.txt
  local ver; ver=$(tar -xJOf "$(compgen -G "$BK25_SRC/docker.io_*.orig.tar.xz" | sort | tail -n 1)" --wildcards '*/engine/vendor/modules.txt' |
    awk '$1 == "#" && $2 == "github.com/moby/buildkit" && !v { v = $3 } END { print v }')
  [ -n "$ver" ] || die "no BuildKit version in the engine's vendor/modules.txt"
  log "compiling buildkitd + buildctl $ver (Go 1.27, GOPATH mode; ~3 min on 2 cores)"
  bk_compile 1.27 "$ver" "$GP/moby/buildkit"
  [ "${BK_KEEP_TREE:-0}" = 1 ] || rm -rf "$BK/root" "$BK/gocache" "$BK/gopath" "$BK/vendor"
}
