#!/usr/bin/env bash
# Mutation testing with PIT (pitest-maven, JUnit 5 plugin): changes the enforcement code one small mutation at a time
# and reports which mutations no test notices. Not part of `mvn verify` (too slow for CI on 2 cores).
#
# Usage: scripts/pit.sh [SCOPE]
#   models  (default) the privacy models and the search, against the tests that need no Spark (minutes):
#           k-anonymity, l-diversity (3 variants), t-closeness (3 distances), the model set, the lattice search,
#           roll-up and information loss, the person-level driver count and rare-item removal
#   profiles the person-level driver code (count and rare-item removal) against its driver tests (minutes)
#   persons the person-level stage's Spark code and the release stage (PartitionedProfiles, ReleasePrivacy),
#           against their Spark tests (an hour or more)
# Report: transforms/target/pit-reports/index.html (and mutations.xml); the summary line is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scope="${1:-models}"
case "$scope" in
  models)
    classes='io.appianon.privacy.KAnonymity,io.appianon.privacy.*LDiversity,io.appianon.privacy.*TCloseness,io.appianon.privacy.ModelSet,io.appianon.privacy.LatticeSearch*,io.appianon.privacy.Lattice,io.appianon.privacy.RollUp,io.appianon.privacy.InformationLoss,io.appianon.privacy.PersonProfiles*'
    tests='io.appianon.privacy.LatticeSearchTest,io.appianon.privacy.PrivacyModelsTest,io.appianon.privacy.InformationLossTest,io.appianon.privacy.FrequencyTableBuilderTest,io.appianon.privacy.PersonProfilesTest'
    ;;
  profiles)
    classes='io.appianon.privacy.PersonProfiles*'
    tests='io.appianon.privacy.PersonProfilesTest'
    ;;
  persons)
    classes='io.appianon.privacy.PartitionedProfiles*,io.appianon.pipeline.ReleasePrivacy*'
    tests='io.appianon.privacy.PartitionedProfilesTest,io.appianon.pipeline.ReleasePrivacyTest'
    ;;
  *) echo "scripts/pit.sh: unknown scope '$scope' (models | profiles | persons)" >&2; exit 2 ;;
esac
mvn -B -q -pl transforms -am test-compile -DskipTests
mvn -B -pl transforms org.pitest:pitest-maven:mutationCoverage \
  -DtargetClasses="$classes" -DtargetTests="$tests" -DexcludedMethods='toString,hashCode,equals,describe' -DtimeoutConstant=60000 \
  | tee target/pit-"$scope".log | grep -E '>> Generated|>> Line Coverage|Test strength|Mutations with no coverage|KILLED|SURVIVED|NO_COVERAGE|ERROR' || true
