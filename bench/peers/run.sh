#!/usr/bin/env bash
# bench/run peers: the peers themselves, side by side with Driftwatch on the same data, in one run.
# Each peer is installed from PyPI into a virtual environment of its own (kept per version under the user's
# cache, so a second run installs nothing); a peer that cannot install or fails on the data is a row with its
# error. Their usage telemetry is switched off: this benchmark sends nothing beyond this machine.
# Usage: run.sh DATA SHARED   (PEERS_WINDOWS="NO_DRIFT SHIFT NEGLIGIBLE", PEERS_CBPE_WINDOWS, PEERS_PROFILE_ROWS,
#                             PEERS_ONLY=profile: the sketches alone, beside the other tables of an earlier run)
set -uo pipefail
data="$1"; shared="$2"
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3
out="$data/peers"; only="${PEERS_ONLY:-}"
if [ "$only" = profile ]; then rm -rf "$out/profile"; else rm -rf "$out"; fi
mkdir -p "$out"/{wide,calibration,cbpe,profile}
export NML_DISABLE_USAGE_LOGGING=1 WHYLOGS_NO_ANALYTICS=True DO_NOT_TRACK=1 EVIDENTLY_DISABLE_TELEMETRY=1 \
  TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore
venvs="${XDG_CACHE_HOME:-$HOME/.cache}/driftwatch-bench/peers"
declare -A pkgs=(
  [evidently]="evidently==0.7.23 pandas<3"
  [nannyml]="nannyml==0.13.1 pandas<3 statsmodels"
  [alibi]="alibi-detect==0.13.0"
  [whylogs]="whylogs[viz]==1.6.4 pandas<3"
)
declare -A peer_py=()
for p in evidently nannyml alibi whylogs; do
  v="$venvs/$p-$(echo "${pkgs[$p]}" | tr -c 'a-zA-Z0-9.=\n' '_')"
  if [ ! -f "$v/.installed" ]; then
    read -r -a spec <<< "${pkgs[$p]}"
    rm -rf "$v" && python3 -m venv "$v" && "$v/bin/pip" install -q --disable-pip-version-check "${spec[@]}" \
      > "$out/install-$p.log" 2>&1 && touch "$v/.installed"
  fi
  [ -f "$v/.installed" ] && peer_py[$p]="$v/bin/python" || echo "$p did not install: see $out/install-$p.log" >&2
done
jar="$repo/monitor/target/driftwatch.jar"; bench_jar="$repo/bench/jmh/target/benchmarks.jar"
measure() { $py "$here/measure.py" "$@"; }
peer() { # TOOL OUT ARGS...: the peer's script in its venv, or a failed row saying it did not install
  local t="$1" o="$2"; shift 2
  if [ -z "${peer_py[$t]:-}" ]; then
    echo '{"seconds": 0, "peak_rss_mib": 0, "exit": 1, "error": "did not install from PyPI (see install log)"}' > "$o.meta.json"
    return
  fi
  (cd "$here" && measure "$o" -- "${peer_py[$t]}" "$here/peer_$t.py" "$@")
}

if [ "$only" != profile ]; then
# 1. the wide files of bench/run wide-356k
wide="$data/356k-100col"
[ -f "$wide/current.csv" ] || { mkdir -p "$wide" && $py "$shared/bench/gen_wide.py" 356000 100 "$wide" >&2; }
cat "$wide"/*.csv > /dev/null
measure "$out/wide/driftwatch.json" -- java -jar "$jar" drift --reference "$wide/reference.csv" --current "$wide/current.csv" --format json
measure "$out/wide/driftwatch-all.json" -- java -jar "$jar" drift --reference "$wide/reference.csv" --current "$wide/current.csv" \
  --tests ks,psi,wasserstein,jensenshannon --format json
for t in evidently nannyml alibi whylogs; do peer "$t" "$out/wide/$t.json" wide "$wide/reference.csv" "$wide/current.csv"; done

# 2. alert fatigue and 3. CBPE: seeded windows as .npy, the same arrays for every tool
read -r w0 w1 w2 <<< "${PEERS_WINDOWS:-40 20 2}"
scen="$data/peers-scenarios-$w0-$w1-$w2-${PEERS_CBPE_WINDOWS:-100}"
[ -d "$scen/cbpe" ] || $py "$here/scenarios.py" "$scen" --windows "$w0" "$w1" "$w2" --cbpe-windows "${PEERS_CBPE_WINDOWS:-100}"
for s in no-drift shift negligible; do
  mkdir -p "$out/calibration/$s"
  measure "$out/calibration/$s/driftwatch.jsonl" -- java -Xmx8g -cp "$bench_jar" io.driftwatch.bench.PeerWindows "$scen/calibration/$s"
  for t in evidently nannyml alibi whylogs; do peer "$t" "$out/calibration/$s/$t.jsonl" windows "$scen/calibration/$s"; done
done
measure "$out/cbpe/driftwatch.jsonl" -- java -cp "$bench_jar" io.driftwatch.bench.CbpeWindows "$scen/cbpe" quiet covariate concept
peer nannyml "$out/cbpe/nannyml.jsonl" cbpe "$scen/cbpe" quiet covariate concept
fi

# 4. sketches: the 10M-row files of bench/run sketch-10m (PEERS_PROFILE_ROWS=0 leaves this out)
rows="${PEERS_PROFILE_ROWS:-10000000}"
if [ "$rows" != 0 ]; then
  big="$data/$([ "$rows" = 10000000 ] && echo 10m-100col || echo "$rows-100col")"
  [ -f "$big/current.csv" ] || { mkdir -p "$big" && $py "$shared/bench/gen_wide.py" "$rows" 100 "$big" >&2; }
  measure "$out/profile/driftwatch.json" -- java -Xmx256m -jar "$jar" drift --reference "$big/reference.csv" \
    --current "$big/current.csv" --tests ks,psi --sketch on --format json
  peer whylogs "$out/profile/whylogs.json" profile "$big/reference.csv" "$big/current.csv"
fi

$py "$here/tables.py" "$out" 10 | tee "$out/tables.md"
