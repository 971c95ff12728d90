#!/usr/bin/env bash
# Builds ARX (https://arx.deidentifier.org, Apache License 2.0) from its public source for the side-by-side benchmark
# of scripts/bench-adult.sh --scale N. ARX is not a dependency of appi-anon and none of its code is in this
# repository: this script fetches the tagged source, compiles its framework (src/main) with javac against the jars
# ARX ships in lib/, and writes bench/arx/classes and bench/arx/classpath.txt (bench/ is not versioned).
#
# Usage: scripts/build-arx.sh [ARX source checkout]
#   Without an argument it clones tag $ARX_TAG (default v3.9.2) of github.com/arx-deidentifier/arx into bench/arx/src.
#   Jars missing from a checkout (a partial mirror; ARX keeps them in git) are taken from Maven:
#   hadoop-core 1.2.1 and pdfbox/fontbox 2.0.35 (the only ones the framework's sources import).
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${ARX_TAG:-v3.9.2}"
out="bench/arx"
src="${1:-$out/src}"
if [[ ! -d "$src/src/main" ]]; then
  echo "cloning ARX $tag into $src ..." >&2
  git clone -q --depth 1 --branch "$tag" https://github.com/arx-deidentifier/arx "$src"
fi
jars=()
while IFS= read -r -d '' jar; do
  # a jar that is a git-lfs/annex pointer or empty is not a jar
  if unzip -tq "$jar" >/dev/null 2>&1; then jars+=("$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"); fi
done < <(find "$src/lib" -name '*.jar' -print0)
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
need() { # need GROUP:ARTIFACT:VERSION : adds the jar from the local Maven repository, fetching it if absent
  local g a v path
  IFS=: read -r g a v <<<"$1"
  path="$m2/${g//.//}/$a/$v/$a-$v.jar"
  if [[ ! -f "$path" ]]; then
    mvn -B -q dependency:get -Dartifact="$1" -Dtransitive=false >&2
  fi
  jars+=("$path")
}
printf '%s\n' "${jars[@]}" | grep -q 'hadoop-core' || need org.apache.hadoop:hadoop-core:1.2.1
printf '%s\n' "${jars[@]}" | grep -q 'pdfbox-app' || { need org.apache.pdfbox:pdfbox:2.0.35; need org.apache.pdfbox:fontbox:2.0.35; need commons-logging:commons-logging:1.2; }
classpath="$(IFS=:; echo "${jars[*]}")"
rm -rf "$out/classes"
mkdir -p "$out/classes"
find "$src/src/main" -name '*.java' >"$out/sources.txt"
echo "compiling $(wc -l <"$out/sources.txt") ARX sources ..." >&2
javac -nowarn -encoding UTF-8 -proc:none -d "$out/classes" -cp "$classpath" @"$out/sources.txt" 2>&1 | grep -v '^Note:' >&2 || true
# ARX's resources (risk-model tables, certificate images) next to its classes
abs_classes="$(pwd)/$out/classes"
(cd "$src/src/main" && find . -type f ! -name '*.java' -exec cp --parents {} "$abs_classes/" \;)
if [[ ! -f "$out/classes/org/deidentifier/arx/ARXAnonymizer.class" ]]; then
  echo "scripts/build-arx.sh: ARX did not compile (see the errors above)" >&2
  exit 1
fi
echo "$classpath" >"$out/classpath.txt"
echo "ARX $tag built: $out/classes ($(find "$out/classes" -name '*.class' | wc -l) classes)" >&2
