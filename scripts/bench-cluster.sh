#!/usr/bin/env bash
# The anonymize job at scale on a standalone cluster on this machine: scripts/submit.sh local-cluster with W workers,
# the shipped configuration and policies (person-level stage included), on generated data (members = rows / 10).
#
# Usage: scripts/bench-cluster.sh PURCHASE_ROWS [--workers W] [--worker-memory 7g] [--executor-memory 6g]
#                                 [--driver-memory 1g] [--conf KEY=VALUE]...
#   Defaults: 2 workers of 1 core each (this machine's 2 cores), executors of 6 GB, the driver (client mode, this
#   machine) with a 1 GB heap, the bound docs/cluster.md states. --conf passes a Spark setting to spark-submit.
#   Records: wall time; CPU seconds of the driver and the executors (their utime + stime, sampled every 2 s: the
#   last 2 s of each may be missed); the machine's load average; the driver's and each executor's peak live heap after GC
#   (-Xlog:gc) and peak RSS (sampled every 2 s); the peak disk use of Spark's local dirs (shuffle files, spilled and
#   checkpointed blocks) and of the job's output (staging, release, quarantine, method store), sampled every 10 s, and
#   the input's size; the job's own [spark] line (tasks, executor CPU, shuffle bytes, spill) and its phases. Writes bench/results/cluster-ROWS-DATE.md (BENCH_DIR overrides bench/) and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
rows="${1:-}"
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench-cluster.sh PURCHASE_ROWS [--workers W] [--worker-memory M] [--executor-memory M] [--driver-memory M] [--conf KEY=VALUE]..." >&2; exit 2; }
shift
workers=2 worker_mem=7g exec_mem=6g driver_mem=1g
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) workers="${2:?}"; shift 2 ;;
    --worker-memory) worker_mem="${2:?}"; shift 2 ;;
    --executor-memory) exec_mem="${2:?}"; shift 2 ;;
    --driver-memory) driver_mem="${2:?}"; shift 2 ;;
    --conf) extra+=(--conf "${2:?}"); shift 2 ;;
    *) echo "scripts/bench-cluster.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
bench="${BENCH_DIR:-bench}"
bench="$(mkdir -p "$bench" && cd "$bench" && pwd)"
data="$bench/data/p$rows"
if [[ ! -s "$data/purchases.csv" || ! -s "$data/survey.csv" ]]; then
  scripts/generate.sh --members $((rows / 10)) --purchases "$rows" --out "$data" >&2
fi
build_if_needed
stamp="$(date -u +%Y%m%d-%H%M%S)"
logs="$bench/tmp/cluster-$rows-$stamp"
out="$bench/tmp/cluster-out-$rows"
rm -rf "$out"
mkdir -p "$logs" "$bench/results"
opens="$(tr '\n' ' ' <"$LAUNCHER/jvm.options" | sed 's/ *$//')"

# peak RSS of the driver (the spark-submit JVM) and of each executor, sampled
sample() {
  while sleep 2; do
    for pid in $(pgrep -f 'org.apache.spark.deploy.SparkSubmit|CoarseGrainedExecutorBackend' || true); do
      role=driver
      grep -q CoarseGrainedExecutorBackend "/proc/$pid/cmdline" 2>/dev/null && role="executor-$pid"
      rss="$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
      # utime + stime in ticks (fields 14 and 15; the command name in field 2 has no spaces here)
      cpu="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true)"
      [[ -n "$rss" && -n "$cpu" ]] && echo "$role $rss $cpu"
    done
  done
}
sample >"$logs/rss.txt" &
sampler=$!
# disk in use: Spark's local dirs (submit.sh local-cluster's SPARK_LOCAL_DIRS, for the driver and the executors) and
# the job's output, in bytes
sample_disk() {
  while sleep 10; do
    echo "$(du -sb out/local-cluster/local 2>/dev/null | cut -f1) $(du -sb "$out" 2>/dev/null | cut -f1)"
  done
}
sample_disk >"$logs/disk.txt" &
disk_sampler=$!
trap 'kill $sampler $disk_sampler 2>/dev/null || true' EXIT
ticks="$(getconf CLK_TCK)"
load0="$(cut -d' ' -f1-3 /proc/loadavg)"
t0="$(date +%s.%N)"
set +e
APPIANON_SUBMIT_JAVA_OPTS="-Xmx$driver_mem -Xlog:gc:file=$logs/driver-gc.log" \
  scripts/submit.sh local-cluster --workers "$workers" --cores 1 --memory "$worker_mem" \
  --conf "spark.executor.memory=$exec_mem" \
  --conf "spark.executor.extraJavaOptions=$opens -Xlog:gc:file=$logs/executor-gc-%p.log" "${extra[@]}" \
  -- --release-id "c$rows" --output "$out/releases" \
  --set "appianon.inputs.survey=$data/survey.csv" --set "appianon.inputs.purchases=$data/purchases.csv" \
  --set "appianon.quarantine.dir=$out/quarantine" --set "appianon.method-store.dir=$out/method-store" \
  >"$logs/job.log" 2>&1
code=$?
set -e
t1="$(date +%s.%N)"
load1="$(cut -d' ' -f1-3 /proc/loadavg)"
kill "$sampler" "$disk_sampler" 2>/dev/null || true
gb() { awk -v b="${1:-0}" 'BEGIN { printf "%.1f GB", b / 1e9 }'; }
peak_heap() { grep -ohE '[0-9]+M->[0-9]+M' "$@" 2>/dev/null | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1; }
{
  echo "# Anonymize at $rows purchase rows on a local standalone cluster"
  echo
  echo "$stamp UTC, $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GB RAM; scripts/submit.sh local-cluster: $workers workers of 1 core,"
  echo "executors of $exec_mem, driver heap $driver_mem (client mode); the shipped conf and policies; exit code $code."
  [[ ${#extra[@]} -eq 0 ]] || echo "Extra Spark settings: ${extra[*]}"
  echo
  echo "| measure | value |"
  echo "|---|---|"
  printf '| wall | %.1f s |\n' "$(echo "$t1 - $t0" | bc)"
  # per process the largest sampled CPU, summed over the driver and the executors
  cpu_ticks="$(awk '{ if ($3 > m[$1]) m[$1] = $3 } END { for (r in m) t += m[r]; print t + 0 }' "$logs/rss.txt")"
  printf '| CPU, driver + executors | %.1f s |\n' "$(echo "$cpu_ticks / $ticks" | bc -l)"
  echo "| load average before / after | $load0 / $load1 |"
  echo "| driver: peak live heap after GC / peak RSS | $(peak_heap "$logs/driver-gc.log") MB / $(( $(awk '$1 == "driver" { print $2 }' "$logs/rss.txt" | sort -n | tail -1) / 1024 )) MB |"
  for f in "$logs"/executor-gc-*.log; do
    [[ -f "$f" ]] || continue
    pid="$(basename "$f" .log | sed 's/executor-gc-//')"
    rss="$(awk -v r="executor-$pid" '$1 == r { print $2 }' "$logs/rss.txt" | sort -n | tail -1)"
    echo "| executor $pid: peak live heap after GC / peak RSS | $(peak_heap "$f") MB / $(( ${rss:-0} / 1024 )) MB |"
  done
  echo "| disk: input / peak of Spark's local dirs / peak of the output (sampled every 10 s) | $(gb "$(du -sb "$data" | cut -f1)") / $(gb "$(cut -d' ' -f1 "$logs/disk.txt" | sort -n | tail -1)") / $(gb "$(cut -d' ' -f2 "$logs/disk.txt" | sort -n | tail -1)") |"
  echo "| Spark work (the job's log) | $(grep -o '\[spark\] .*' "$logs/job.log" | sed 's/\[spark\] //' | tail -1) |"
  echo "| published | $(grep -o 'published release .*' "$logs/job.log" | tail -1) |"
  echo
  echo "Phases (the job's progress lines):"
  echo
  echo '```'
  grep -E 'INFO (AnonymizeJob|DatasetPipeline|ReleasePrivacy|PersonAudit|ReleaseVerifier)' "$logs/job.log" | sed -E 's/^[0-9/]+ //' | cut -c1-220
  echo '```'
} >"$bench/results/cluster-$rows-$stamp.md"
cat "$bench/results/cluster-$rows-$stamp.md"
exit "$code"
