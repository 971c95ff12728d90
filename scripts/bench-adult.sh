#!/usr/bin/env bash
# Adult benchmarks.
#
# scripts/bench-adult.sh [output.md] [adult data dir] [--no-mondrian]
#   The lattice-search benchmark (io.appianon.privacy.AdultBenchmark, test scope): every k and suppression limit
#   checked against exhaustive evaluation, l-diversity, t-closeness, Mondrian. Writes a Markdown report (default
#   bench/results/adult-search.md; data default: the copy of Adult in transforms/src/test/resources/adult).
#
# scripts/bench-adult.sh --scale N [--runs R] [--no-arx]
#   End to end, side by side with ARX: UCI Adult replicated N times (N = 33: 995,346 records, 8 quasi-identifiers),
#   eight optimal searches in one JVM (ARX's loss and discernibility x k = 5N, 100N x 0 %, 5 % suppression), each tool
#   in a fresh JVM, R rounds (default 2) alternating: the project's light path (FrequencyTable.readCsv, no Spark), the
#   project on embedded Spark with the shipped spark settings (FrequencyTable.build), and ARX built from its public
#   source by scripts/build-arx.sh (skipped with --no-arx or when bench/arx is absent). Prints and writes
#   $BENCH_DIR/results/adult-xN.md: wall, CPU (user + sys), peak RSS, and where the time went (JVM start, Spark start,
#   read + frequency table, searches), then each tool's chosen levels. Measure on a quiet machine.
#   BENCH_DIR (default bench) holds data/adult-xN, tmp/ and results/; ARX is looked for in bench/arx.
set -euo pipefail
cd "$(dirname "$0")/.."

build_classpath() {
  mvn -B -q -pl transforms -am test-compile -DskipTests >&2
  local cp_file
  cp_file="$(mktemp)"
  mvn -B -q -pl transforms dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
  classpath="transforms/target/test-classes:transforms/target/classes:$(cat "$cp_file")"
  rm -f "$cp_file"
  # the module opens spark-submit would add on Java 17, from the parent pom's spark.opens property
  opens="$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' pom.xml)"
  if [[ -z "$opens" ]]; then
    echo "spark.opens not found in pom.xml" >&2
    exit 1
  fi
}

if [[ "${1:-}" != "--scale" ]]; then
  out="${1:-bench/results/adult-search.md}"
  shift || true
  build_classpath
  # shellcheck disable=SC2086
  exec java $opens -Xmx3g -cp "$classpath" io.appianon.privacy.AdultBenchmark "$out" "$@"
fi

scale="${2:-}"
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench-adult.sh --scale N [--runs R] [--no-arx] (N a positive integer, got '$scale')" >&2; exit 2; }
shift 2
runs=2
arx=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:-}"; [[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "--runs: a positive integer" >&2; exit 2; }; shift 2 ;;
    --no-arx) arx=0; shift ;;
    *) echo "scripts/bench-adult.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "scripts/bench-adult.sh: needs GNU time (/usr/bin/time, Debian package 'time')" >&2; exit 2; }
adult="transforms/src/test/resources/adult"
bench="${BENCH_DIR:-bench}"
data="$bench/data/adult-x$scale"
if [[ ! -s "$data/adult.csv" ]]; then
  mkdir -p "$data"
  { head -1 "$adult/adult.csv"; for _ in $(seq "$scale"); do tail -n +2 "$adult/adult.csv"; done; } >"$data/adult.csv.tmp"
  mv "$data/adult.csv.tmp" "$data/adult.csv"
fi
build_classpath
tools=(local spark)
if [[ "$arx" == 1 ]]; then
  if [[ -f bench/arx/classes/org/deidentifier/arx/ARXAnonymizer.class ]]; then
    arx_cp="bench/arx/bench-classes:bench/arx/classes:$(cat bench/arx/classpath.txt)"
    mkdir -p bench/arx/bench-classes
    javac -nowarn -d bench/arx/bench-classes -cp "$arx_cp" scripts/arx/ArxAdultBench.java
    tools+=(arx)
  else
    echo "ARX not built (scripts/build-arx.sh): comparing the project's two paths only" >&2
  fi
fi
logs="$bench/tmp/adult-x$scale"
mkdir -p "$logs" "$bench/results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
  for tool in "${tools[@]}"; do
    log="$logs/$tool-$run.log"
    echo "run $run: $tool ..." >&2
    case "$tool" in
      arx) cmd=(java -Xmx3g -cp "$arx_cp" ArxAdultBench "$data/adult.csv" "$adult" "$scale") ;;
      # shellcheck disable=SC2206
      *) cmd=(java $opens -Xmx3g -cp "$classpath" io.appianon.privacy.AdultScaleBenchmark "$data/adult.csv" "$adult" "$scale" "$tool") ;;
    esac
    /usr/bin/time -f 'time wall=%e user=%U sys=%S rss_kb=%M' "${cmd[@]}" >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
  done
done
out="$bench/results/adult-x$scale.md"
{
  echo "# Adult x$scale: eight optimal searches end to end, the project and ARX"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), load average before: $load_before."
  echo "$(($(wc -l <"$data/adult.csv") - 1)) records; k = $((5 * scale)), $((100 * scale)); suppression 0 %, 5 %; ARX's loss and discernibility."
  echo "*local*: FrequencyTable.readCsv (one JVM, no Spark); *spark*: embedded Spark with conf/application.conf's spark"
  echo "settings and FrequencyTable.build; *arx*: ARX built from its public source (scripts/build-arx.sh). Each run is a"
  echo "fresh JVM; times in seconds, CPU = user + sys."
  echo
  echo "| run | tool | wall | CPU | peak RSS MB | JVM start | Spark start | read + table | searches |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for run in $(seq "$runs"); do
    for tool in "${tools[@]}"; do
      awk -v run="$run" -v tool="$tool" '
        /^phase / { p[$2] = $3 / 1000 }
        /^time / { for (i = 2; i <= NF; i++) { split($i, kv, "="); t[kv[1]] = kv[2] } }
        END {
          read = ("read+table" in p) ? p["read+table"] : p["read"]
          spark = ("spark-start" in p) ? sprintf("%.2f", p["spark-start"]) : "-"
          printf "| %s | %s | %.2f | %.2f | %d | %.2f | %s | %.2f | %.2f |\n", run, tool, t["wall"], t["user"] + t["sys"],
            t["rss_kb"] / 1024, p["jvm"], spark, read, p["searches"]
        }' "$logs/$tool-$run.log"
    done
  done
  echo
  echo "Chosen levels (sex, age, race, marital-status, education, native-country, workclass, occupation), run $runs:"
  echo
  header="| search |"
  rule="|---|"
  for tool in "${tools[@]}"; do header+=" $tool |"; rule+="---|"; done
  echo "$header"
  echo "$rule"
  n="$(grep -c '^search ' "$logs/local-$runs.log")"
  for i in $(seq "$n"); do
    row="| $(grep '^search ' "$logs/local-$runs.log" | sed -n "${i}p" | awk '{print $2, $3, $4}') |"
    for tool in "${tools[@]}"; do
      row+=" $(grep '^search ' "$logs/$tool-$runs.log" | sed -n "${i}p" | grep -o 'levels=\[[^]]*\]' | sed 's/levels=//') |"
    done
    echo "$row"
  done
} >"$out"
cat "$out"
