#!/usr/bin/env bash
# Mutation testing with PIT (pitest-maven, JUnit 5 plugin): changes the enforcement code one small mutation at a time
# and reports which mutations no test notices. Not part of `mvn verify` (too slow for CI on 2 cores).
#
# Usage: scripts/pit.sh [SCOPE]
#   models  (default) the privacy models' checks of one class: k-anonymity, l-diversity (3 variants), t-closeness
#           (3 distances), the model set and its suppression allowance, against their driver tests and the search's
#           tests (which run every model over whole lattices)
#   search  the lattice search, roll-up and information loss against the search's tests (slow: each mutant re-runs
#           the exhaustive comparison, about 30 s; hours on 2 cores)
#   profiles the person-level driver code (count and rare-item removal) against its driver tests (minutes)
#   persons the person-level stage's Spark code and the release stage (PartitionedProfiles, ReleasePrivacy),
#           against their Spark tests (hours: a ReleasePrivacyTest case takes 15-40 s, and a mutant that survives
#           runs them all)
#   partitioned the person model's enforcement on Spark alone (PartitionedProfiles: each partition's count,
#           removal of rare items and settle, the per-node sums) against PartitionedProfilesTest, then
#           ReleasePrivacyTest for what it leaves
#   release the release's person stage alone (ReleasePrivacy: plan-time check, the search for the least-loss node,
#           suppression of persons in every dataset, the rare-item remedy, the rounds, the budgets) against the fast
#           hand-worked ReleasePrivacyRulesTest (a few persons each, 1-9 s a case), then ReleasePrivacyTest (15-40 s
#           a case) for what they leave; lineage and report wording (describe, plannedLineage, capsInWords, step)
#           not mutated
#   technique the identifier techniques: the scrub of free text (detection's overlap resolution, replacement by tag
#           or deletion, the per-task memory, the Spark function and its counter), keyed pseudonyms (HMAC, key) and
#           the deletion of identifier columns, against the scrub and pseudonym tests (Spark only where the code
#           runs only under Spark; the detectors themselves are not mutated: their recall is measured by the
#           labelled sets of ScrubRecallPrecisionTest / ScrubHeldOutQualityTest)
#   pipeline the dataset pipeline's enforcement: record deletion by rule (delete-records, the deletion mark),
#           the counting pass, k^m-anonymity's suppression and the budget it leaves, the privacy stage's levels and
#           suppression of failing classes (Anonymizer's Spark output), the person/item drops, the record shuffle,
#           against the pipeline's Spark tests (about half an hour; the lineage wording is not mutated)
#   quarantine (module jobs) the input reader's quarantine of bad rows: bytes not valid in the declared encoding,
#           broken quotes, wrong column counts, values failing their type or check, each with a reason, and the
#           counts that reconcile (InputReader, MultiLineCsv, EncodingSniffer), against InputReaderTest,
#           InputReaderSettingsTest, MultiLineCsvTest and EncodingSnifferTest (the end-to-end BadInputTest runs
#           whole jobs, 12-30 s each: too slow to re-run per mutant)
# PIT_THREADS (default 1) sets PIT's worker count; 2 halves the wall time when the machine is otherwise idle.
# PIT_VERBOSITY=VERBOSE_NO_SPINNER logs each mutant's outcome as it is decided (progress of a long run).
# PIT_TESTS (optional) replaces the scope's tests, e.g. PIT_TESTS=io.appianon.pipeline.ReleasePrivacyRulesTest for a
# narrowed run of scope release (say so when reporting its figures).
# Report: transforms/target/pit-reports/SCOPE/index.html (jobs/target/... for quarantine) and mutations.xml; the summary line is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scope="${1:-models}"
excluded_methods=''
module=transforms
case "$scope" in
  models)
    classes='io.appianon.privacy.KAnonymity,io.appianon.privacy.*LDiversity,io.appianon.privacy.*TCloseness,io.appianon.privacy.ModelSet,io.appianon.privacy.SensitiveContext'
    tests='io.appianon.privacy.PrivacyModelsTest,io.appianon.privacy.LatticeSearchTest'
    ;;
  search)
    classes='io.appianon.privacy.LatticeSearch*,io.appianon.privacy.Lattice,io.appianon.privacy.RollUp,io.appianon.privacy.InformationLoss'
    tests='io.appianon.privacy.LatticeSearchTest,io.appianon.privacy.InformationLossTest,io.appianon.privacy.FrequencyTableBuilderTest'
    ;;
  profiles)
    classes='io.appianon.privacy.PersonProfiles*'
    tests='io.appianon.privacy.PersonProfilesTest'
    ;;
  persons)
    classes='io.appianon.privacy.PartitionedProfiles*,io.appianon.pipeline.ReleasePrivacy*'
    tests='io.appianon.privacy.PartitionedProfilesTest,io.appianon.pipeline.ReleasePrivacyTest'
    ;;
  partitioned)
    classes='io.appianon.privacy.PartitionedProfiles*'
    tests='io.appianon.privacy.PartitionedProfilesTest,io.appianon.pipeline.ReleasePrivacyTest'
    ;;
  release)
    classes='io.appianon.pipeline.ReleasePrivacy*'
    tests='io.appianon.pipeline.ReleasePrivacyRulesTest,io.appianon.pipeline.ReleasePrivacyTest'
    excluded_methods=',plannedLineage,capsInWords,step,lambda$describe$*'
    ;;
  technique)
    classes='io.appianon.technique.Scrub,io.appianon.technique.Scrub$*,io.appianon.technique.scrub.TextScrubber*,io.appianon.technique.scrub.PiiDetector,io.appianon.technique.scrub.RecentResults*,io.appianon.technique.scrub.Action,io.appianon.technique.scrub.Match,io.appianon.technique.scrub.Candidate,io.appianon.technique.scrub.ScrubFunctions,io.appianon.technique.Pseudonymize*,io.appianon.technique.PseudonymKey,io.appianon.technique.DeleteColumns'
    tests='io.appianon.technique.scrub.ScrubTextScrubberTest,io.appianon.technique.scrub.OverlapResolutionTest,io.appianon.technique.scrub.RecentResultsTest,io.appianon.technique.scrub.*DetectorTest,io.appianon.technique.scrub.DetectorNormalizationTest,io.appianon.technique.scrub.WrittenFormsTest,io.appianon.technique.scrub.ScrubFunctionsSparkTest,io.appianon.technique.PseudonymizeTest,io.appianon.technique.IdentifierTechniquesTest'
    ;;
  pipeline)
    classes='io.appianon.pipeline.DatasetPipeline*,io.appianon.technique.TechniqueContext*,io.appianon.technique.DeleteRecords,io.appianon.privacy.Anonymizer'
    tests='io.appianon.pipeline.DatasetPipeline*Test,io.appianon.pipeline.DeletedRecordsTakeNoPartTest,io.appianon.privacy.AnonymizerTest,io.appianon.technique.DeleteRecordsTest,io.appianon.technique.TechniqueContextTest'
    excluded_methods=',describePrivacy,describeShuffle,plannedLineage,ladder,secs,metric,caps,withRiskThreshold,withPopulation'
    ;;
  quarantine)
    module=jobs
    classes='io.appianon.io.InputReader*,io.appianon.io.MultiLineCsv*,io.appianon.io.EncodingSniffer*'
    tests='io.appianon.io.InputReaderTest,io.appianon.io.InputReaderSettingsTest,io.appianon.io.MultiLineCsvTest,io.appianon.io.EncodingSnifferTest'
    ;;
  *) echo "scripts/pit.sh: unknown scope '$scope' (models | search | profiles | persons | partitioned | release | technique | pipeline | quarantine)" >&2; exit 2 ;;
esac
tests="${PIT_TESTS:-$tests}"
mkdir -p target
mvn -B -q -pl "$module" -am test-compile -DskipTests
if [ "$module" = transforms ]; then
  pit=(mvn -B -pl transforms org.pitest:pitest-maven:mutationCoverage)
else
  # the jobs module reads the transforms module's classes from the reactor (compiled in this same run); PIT
  # finds nothing to mutate there
  pit=(mvn -B -pl "$module" -am test-compile org.pitest:pitest-maven:mutationCoverage -DfailWhenNoMutations=false)
fi
"${pit[@]}" \
  -DtargetClasses="$classes" -DtargetTests="$tests" -DexcludedMethods="toString,hashCode,equals,describe$excluded_methods" \
  -DtimeoutConstant=60000 -Dthreads="${PIT_THREADS:-1}" ${PIT_VERBOSITY:+-Dverbosity="$PIT_VERBOSITY"} -DreportsDirectory="$PWD/$module/target/pit-reports/$scope" \
  | tee target/pit-"$scope".log | grep -E '>> Generated|>> Line Coverage|Test strength|Mutations with no coverage|KILLED|SURVIVED|NO_COVERAGE|ERROR' || true
