#!/usr/bin/env bash
# Builds appi-anon if needed and runs the anonymize job (default) on the embedded Spark (local[*]).
# With no arguments: the bundled sample-data/ with conf/ defaults. Any appi-anon options may follow, e.g.
#   scripts/run.sh --release-id 2026-11 --overwrite
#   scripts/run.sh plan
#   scripts/run.sh --help
# JVM options: APPIANON_JAVA_OPTS (default -Xmx4g).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
build_if_needed
run_java io.appianon.cli.Main "$@"
