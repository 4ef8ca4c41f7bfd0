#!/usr/bin/env bash
# bench/run image: builds the Dockerfile with podman from local Debian bases (no registry is reachable
# here), checks the image's user, entrypoint and labels, then runs its entrypoint from the image's own
# file system (no container runtime works here): as its user, on a read-only root with a writable /tmp,
# with the demo configuration; waits for /readyz 200 and stops it with SIGTERM.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_DATA:-/tmp/driftwatch-bench}/image"
image=localhost/driftwatch:dev
port=18080
mkdir -p "$work"

need=()
for t in podman mmdebstrap newuidmap crun fuse-overlayfs curl; do command -v "$t" >/dev/null 2>&1 || need+=("$t"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman mmdebstrap uidmap crun \
    fuse-overlayfs curl >/dev/null
fi

base() { # name packages
  if ! podman image exists "localhost/$1"; then
    local tar="$work/${1%%:*}.tar"
    mmdebstrap --quiet --variant=apt --include="$2" bookworm "$tar" http://deb.debian.org/debian >&2
    podman import "$tar" "localhost/$1" >/dev/null
    rm -f "$tar"
  fi
}
base debian-jre:17 openjdk-17-jre-headless,ca-certificates,passwd
base debian-maven:17 maven,openjdk-17-jdk-headless,ca-certificates
# this machine reaches Maven Central through an egress proxy with its own CA: the local build base trusts
# the host's extra CAs (an image built elsewhere from maven:3.9-eclipse-temurin-17 needs nothing of this)
if ! podman image exists localhost/debian-maven-ca:17; then
  ctx="$work/maven-ca"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp /usr/local/share/ca-certificates/*.crt "$ctx/" 2>/dev/null || true
  printf 'FROM localhost/debian-maven:17\nCOPY . /usr/local/share/ca-certificates/\nRUN update-ca-certificates >/dev/null\n' \
    > "$ctx/Containerfile"
  podman build --quiet --isolation=chroot -t localhost/debian-maven-ca:17 -f "$ctx/Containerfile" "$ctx" >&2
fi

start=$(date +%s)
revision=$(git -C "$repo" rev-parse HEAD)
podman build --quiet --isolation=chroot --build-arg BASE=localhost/debian-jre:17 \
  --build-arg BUILD_BASE=localhost/debian-maven-ca:17 --build-arg REVISION="$revision" -t "$image" "$repo" >&2
built=$(( $(date +%s) - start ))

fail() { echo "image check FAILED: $*" >&2; exit 1; }
user=$(podman image inspect --format '{{.Config.User}}' "$image")
[ "$user" = "10001:10001" ] || fail "user is '$user', not 10001:10001"
entry=$(podman image inspect --format '{{json .Config.Entrypoint}}' "$image")
case "$entry" in '["java",'*'"-jar","/app/driftwatch.jar"]') ;; *) fail "entrypoint $entry is not exec form java -jar";; esac
label=$(podman image inspect --format '{{index .Config.Labels "org.opencontainers.image.revision"}}' "$image")
[ "$label" = "$revision" ] || fail "revision label '$label' is not $revision"
version=$(podman image inspect --format '{{index .Config.Labels "org.opencontainers.image.version"}}' "$image")
[ -n "$version" ] || fail "no version label"
size=$(podman image inspect --format '{{.Size}}' "$image")

mnt=$(podman image mount "$image")
ro="$work/root"
mkdir -p "$ro"
cleanup() {
  umount "$ro/proc" 2>/dev/null || true
  umount "$ro/tmp" 2>/dev/null || true
  umount "$ro" 2>/dev/null || true
  podman image unmount "$image" >/dev/null 2>&1 || true
}
trap cleanup EXIT
mount --bind "$mnt" "$ro"
mount -o remount,bind,ro "$ro"
mount -t tmpfs -o size=64m,mode=1777 tmpfs "$ro/tmp"
mount -t proc proc "$ro/proc"
touch "$ro/probe" 2>/dev/null && fail "the root file system is writable"
java=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
# the entrypoint as the image declares it, with java at its full path (see ../shared/container/README.md)
mapfile -t args < <(echo "$entry" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)[1:]))')
env=$(podman image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$image" | grep -v '^$')
t0=$(date +%s.%N)
( cd "$ro/tmp" && env -i $env chroot --userspec=10001:10001 "$ro" "$java" "${args[@]}" demo --dir /tmp/demo \
    --port "$port" >"$work/daemon.log" 2>&1 ) &
pid=$!
ready=""
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)
  if [ "$code" = 200 ]; then ready=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')"); break; fi
  kill -0 $pid 2>/dev/null || { cat "$work/daemon.log" >&2; fail "the daemon exited"; }
  sleep 1
done
[ -n "$ready" ] || { tail -20 "$work/daemon.log" >&2; fail "/readyz never answered 200"; }
# the console as the image serves it: the page and every static file it links, with their types
page=$(curl -s "http://127.0.0.1:$port/")
case "$page" in *'/static/console.js'*) ;; *) fail "the console page does not link /static/console.js";; esac
for f in console.js:text/javascript console.css:text/css uPlot.iife.min.js:text/javascript uPlot.min.css:text/css; do
  out=$(curl -s -m 10 -o "$work/asset" -w '%{http_code} %{content_type}' "http://127.0.0.1:$port/static/${f%%:*}" || true)
  case "$out" in "200 ${f#*:}"*) ;; *) fail "/static/${f%%:*} answered '$out'";; esac
  [ "$(stat -c %s "$work/asset")" -gt 1000 ] || fail "/static/${f%%:*} is nearly empty"
done
if command -v chromium >/dev/null 2>&1; then
  dom=$(timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$work/chromium" \
    --virtual-time-budget=10000 --dump-dom "http://127.0.0.1:$port/" 2>/dev/null || true)
  case "$dom" in *'data-rendered="true"'*) ;; *) fail "Chromium did not draw the console";; esac
  consoled="; console drawn in Chromium"
fi
jpid=$(pgrep -f -n "driftwatch.jar demo --dir /tmp/demo")
owner=$(ps -o uid= -p "$jpid" | tr -d ' ')
[ "$owner" = 10001 ] || fail "the JVM runs as uid $owner"
kill -TERM "$jpid"
status=0
wait $pid || status=$?
[ "$status" = 0 ] || [ "$status" = 143 ] || { tail -20 "$work/daemon.log" >&2; fail "exit status $status after SIGTERM"; }
grep -q "driftwatch stopped\|stopped" "$work/daemon.log" || fail "no clean stop in the log"
echo "image: user 10001:10001, exec entrypoint, OCI labels (version $version, revision ${revision:0:12})" >&2
echo "image $image: built in ${built} s, $((size / 1024 / 1024)) MB; demo /readyz 200 after ${ready} s as uid 10001 on a read-only root; console and its 4 static files served${consoled:-}; SIGTERM exit $status"
