#!/usr/bin/env bash
# Runs the Adult lattice-search benchmark (io.appianon.privacy.AdultBenchmark, test scope) and writes a Markdown
# table. Usage: scripts/bench-adult.sh [output.md] [adult data dir] [--no-mondrian]
# Defaults: bench/results/adult-search.md and the copy of Adult in transforms/src/test/resources/adult.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench/results/adult-search.md}"
shift || true

mvn -B -q -pl transforms -am test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl transforms dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="transforms/target/test-classes:transforms/target/classes:$(cat "$cp_file")"
# the module opens spark-submit would add on Java 17, from the parent pom's spark.opens property
opens="$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' pom.xml)"
if [[ -z "$opens" ]]; then
  echo "spark.opens not found in pom.xml" >&2
  exit 1
fi
# shellcheck disable=SC2086
exec java $opens -Xmx3g -cp "$classpath" io.appianon.privacy.AdultBenchmark "$out" "$@"
