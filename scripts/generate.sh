#!/usr/bin/env bash
# Generates synthetic survey.csv / purchases.csv of any size with
# io.appianon.generate.SampleDataGenerator (pure Java, no Spark needed). The generator is test support of the jobs
# module (jobs/src/test/java), not part of the production jars: this script runs it from the test classes.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: scripts/generate.sh [options]
       scripts/generate.sh --bundled

  --members N            survey rows = members              (default 3000)
  --purchases N          purchase rows                      (default 30000)
  --seed S               random seed; same seed => same bytes (default 20261123)
  --out DIR              output directory, relative to the current directory
                         (default: <project>/out/sample, git-ignored)
  --no-bad-rows          omit the 3 + 4 deliberately bad rows
  --encoding NAME        CSV encoding, e.g. Shift_JIS       (default UTF-8)
  --labelled-opinions N  also write DIR/labelled-opinions.tsv
  --hierarchies          also write DIR/hierarchies/*.csv
  --bundled              regenerate the committed sample-data/ directory
                         (3000 members, 30000 purchases, seed 20261123, bad rows,
                         200 labelled opinions, hierarchies)
  -h, --help             this text

Compiles the jobs module's test classes (mvn test-compile; the generator lives there, not in the jars) first when
they are missing or older than the sources.
JAVA_OPTS is passed to java (default -Xmx256m: the generator streams).
Example: scripts/generate.sh --members 1000000 --purchases 16000000 --out /data/big
USAGE
}

caller_dir=$PWD
cd "$(dirname "$0")/.."
root=$PWD

args=()
out="out/sample"
bundled=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --bundled) bundled=true; shift ;;
    --out)
      [ $# -ge 2 ] || { echo "--out needs a value" >&2; usage >&2; exit 2; }
      case "$2" in /*) out="$2" ;; *) out="$caller_dir/$2" ;; esac
      shift 2 ;;
    --members|--purchases|--seed|--encoding|--labelled-opinions)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; usage >&2; exit 2; }
      args+=("$1" "$2"); shift 2 ;;
    --no-bad-rows|--hierarchies) args+=("$1"); shift ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if $bundled; then
  if [ ${#args[@]} -gt 0 ]; then
    echo "--bundled takes no other options" >&2; exit 2
  fi
  out="$root/sample-data"
  args=(--members 3000 --purchases 30000 --seed 20261123 --labelled-opinions 200 --hierarchies)
fi

# shellcheck source=lib.sh
source "$root/scripts/lib.sh"
# The generator is test support (jobs/src/test/java/io/appianon/generate) and needs only the JDK and one class of
# transforms (CheckDigits): the test classes plus the transforms classes are its whole class path.
main_class="$root/jobs/target/test-classes/io/appianon/generate/SampleDataGenerator.class"
if [ ! -f "$main_class" ] || [ ! -d "$root/transforms/target/classes" ] || [ -n "$(find \
    "$root/jobs/src/test/java/io/appianon/generate" "$root/transforms/src/main/java" -name '*.java' \
    -newer "$main_class" -print -quit)" ]; then
  echo "compiling the generator (jobs test classes) ..." >&2
  mvn -B -q -o -pl jobs -am test-compile || mvn -B -q -pl jobs -am test-compile
fi

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx256m} -cp "$GENERATOR_CLASSES" io.appianon.generate.SampleDataGenerator \
  ${args[@]+"${args[@]}"} --out "$out"
