#!/usr/bin/env bash
# Benchmark: throughput, memory and scaling of the anonymize job against the I/O limit of this machine.
#
# For each size (purchase rows; members = purchases / 10) it generates survey + purchase CSVs (once, cached in
# bench/data/), then times, RUNS times each and alternating:
#   (a) baseline: the same reader and schema, written straight to Parquet (io.appianon.bench.BaselineCopy)
#   (b) anonymize: the full job with the bundled policies (pseudonyms, free-text scrubbing, generalization,
#       k-anonymity, report, manifest)
# and records wall time, CPU time (user + system: the core-seconds the job costs, for sizing a cluster), peak RSS
# (the driver; in local mode the executors run inside it), the peak live heap after GC (from -Xlog:gc), and the
# seconds of each phase from the jobs' progress lines (scripts/bench_phases.py).
# Results: bench/results/bench-<timestamp>.json and .md (scripts/bench_summary.py: medians, the ratio within each
# back-to-back pair, seconds per extra million rows, and where the time went at the largest size).
#
# Usage: scripts/bench.sh [SIZES...]   (default: 1000000 4000000 16000000)
# Environment: RUNS (default 3; or one count per size, e.g. RUNS=3,3,1), APPIANON_JAVA_OPTS (default -Xmx8g),
#              BENCH_DIR (default bench/)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
build_if_needed
SIZES=("${@:-1000000 4000000 16000000}")
read -r -a SIZES <<< "${SIZES[*]}"
IFS=, read -r -a RUNS_PER_SIZE <<< "${RUNS:-3}"
BENCH="${BENCH_DIR:-$ROOT/bench}"
mkdir -p "$BENCH/data" "$BENCH/results" "$BENCH/tmp"
export APPIANON_JAVA_OPTS="${APPIANON_JAVA_OPTS:--Xmx8g}"
export SPARK_LOCAL_IP=127.0.0.1
STAMP="$(date -u +%Y%m%d-%H%M%S)"
JSON="$BENCH/results/bench-$STAMP.json"
CP="$APP_CLASSES:$(cat "$LAUNCHER/classpath.txt")"

# measure LOG CMD... : runs CMD under /usr/bin/time, prints "wall rss_kb heap_mb cpu_s" (cpu: user + system)
measure() {
  local log="$1"; shift
  local gclog="$log.gc"
  /usr/bin/time -f '%e %M %U %S' -o "$log.time" "$@" >"$log" 2>&1 || { echo "FAILED: see $log" >&2; tail -5 "$log" >&2; return 1; }
  local wall rss heap user sys
  read -r wall rss user sys < "$log.time"
  # peak live heap: the largest "after" value of any GC pause, e.g. "Pause Young ... 812M->95M(2048M)"
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" 2>/dev/null | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
  echo "$wall $rss ${heap:-0} $(echo "$user + $sys" | bc -l)"
}

java_cmd() {  # java_cmd LOG MAIN ARGS... : the java command line, with GC logging to LOG.gc
  local log="$1" main="$2"; shift 2
  # shellcheck disable=SC2086
  echo java $APPIANON_JAVA_OPTS -Xlog:gc:file="$log.gc" @"$LAUNCHER/jvm.options" -cp "$CP" "$main" "$@"
}

echo "{\"started\": \"$STAMP\", \"machine\": {\"cores\": $(nproc), \"memory_gb\": $(free -g | awk '/Mem:/{print $2}'), \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\", \"java\": \"$(java -version 2>&1 | head -1 | tr -d '"')\"}, \"java_opts\": \"$APPIANON_JAVA_OPTS\", \"runs\": [" > "$JSON"
first=1
i=0
for n in "${SIZES[@]}"; do
  runs="${RUNS_PER_SIZE[$i]:-${RUNS_PER_SIZE[-1]}}"
  i=$((i + 1))
  members=$(( n / 10 ))
  data="$BENCH/data/p$n"
  if [[ ! -f "$data/purchases.csv" ]]; then
    echo "generating $members members, $n purchases into $data" >&2
    # Into a scratch directory first: an interrupted generation must not be taken for cached data by the next run.
    rm -rf "$data.partial"
    # scripts/generate.sh runs the generator from the jobs test classes (it is not in the jars)
    "$ROOT/scripts/generate.sh" --members "$members" --purchases "$n" --out "$data.partial" >&2
    rm -rf "$data"
    mv "$data.partial" "$data"
  fi
  sets=(--set "appianon.inputs.survey=$data/survey.csv" --set "appianon.inputs.purchases=$data/purchases.csv"
        --set "appianon.quarantine.dir=$BENCH/tmp/quarantine" --set "appianon.method-store.dir=$BENCH/tmp/method")
  for run in $(seq 1 "$runs"); do
    for kind in baseline anonymize; do
      rm -rf "$BENCH/tmp/out"
      log="$BENCH/tmp/$kind-$n-$run.log"
      if [[ $kind == baseline ]]; then
        # shellcheck disable=SC2046
        m=$(measure "$log" $(java_cmd "$log" io.appianon.bench.BaselineCopy "$BENCH/tmp/out" "${sets[@]}"))
      else
        # shellcheck disable=SC2046
        m=$(measure "$log" $(java_cmd "$log" io.appianon.cli.Main anonymize --output "$BENCH/tmp/out" --release-id bench "${sets[@]}"))
      fi
      read -r wall rss heap cpu <<< "$m"
      phases=$(python3 "$ROOT/scripts/bench_phases.py" "$log")
      rows=$(( n + members ))
      echo "size=$n run=$run $kind: ${wall}s (CPU ${cpu}s), peak RSS $((rss / 1024)) MB, peak live heap ${heap} MB" >&2
      [[ $first == 1 ]] || echo "," >> "$JSON"
      first=0
      printf '{"purchase_rows": %d, "members": %d, "run": %d, "job": "%s", "wall_s": %s, "cpu_s": %.2f, "rows_per_s": %.0f, "peak_rss_mb": %d, "peak_live_heap_mb": %d, "phases": %s}' \
        "$n" "$members" "$run" "$kind" "$wall" "$cpu" "$(echo "$rows / $wall" | bc -l)" $((rss / 1024)) "$heap" "$phases" >> "$JSON"
    done
  done
done
echo "]}" >> "$JSON"
python3 "$ROOT/scripts/bench_summary.py" "$JSON" > "${JSON%.json}.md"
cat "${JSON%.json}.md"
