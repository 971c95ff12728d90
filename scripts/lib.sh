# Shared by the scripts: project root, build, and a java launcher with Spark's Java 17 flags.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAUNCHER="$ROOT/jobs/target/launcher"
# The project's own classes: the jobs module and the transforms module it uses.
APP_CLASSES="$ROOT/jobs/target/classes:$ROOT/transforms/target/classes"
# The synthetic data generator: test support of the jobs module (not in the jars), see scripts/generate.sh.
GENERATOR_CLASSES="$ROOT/jobs/target/test-classes:$ROOT/transforms/target/classes"

# Builds transforms and jobs (skipping tests) and writes the launcher files, unless they are newer than the sources.
build_if_needed() {
  local stamp="$LAUNCHER/classpath.txt"
  if [[ -f "$stamp" && -z "$(find "$ROOT/pom.xml" "$ROOT/transforms" "$ROOT/jobs/pom.xml" "$ROOT/jobs/src" \
        -newer "$stamp" -type f -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  echo "building appi-anon (mvn package, tests skipped)..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
}

# run_java MAIN_CLASS ARGS... : runs a class of the jobs module on the embedded Spark.
run_java() {
  local main="$1"; shift
  local cp="$APP_CLASSES:$(cat "$LAUNCHER/classpath.txt")"
  # shellcheck disable=SC2046
  exec java ${APPIANON_JAVA_OPTS:--Xmx4g} @"$LAUNCHER/jvm.options" -cp "$cp" "$main" "$@"
}
