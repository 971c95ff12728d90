package io.appianon.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PrivacySpec;
import io.appianon.technique.PseudonymKey;
import io.appianon.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real job on the bundled sample data with the shipped policies, then checks the published release with
 * {@link ReleaseVerifier}, which reads the Parquet back and shares no code with the enforcement: every model the
 * shipped policies declare must hold on what was published. Fails when the pipeline stops enforcing one of them.
 */
class ReleaseVerifierEndToEndTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static AnonymizeJob job;
  static AnonymizeJob.Summary summary;
  static VerificationReport report;

  @BeforeAll
  static void runJobAndVerify() {
    spark = TestSpark.get();
    JobConfig config = TestProject.config(tmp, Map.of("appianon.release.id", "verify-r1"));
    job = new AnonymizeJob(config);
    summary = job.run(spark, "verify-r1", PseudonymKey.generate());
    report = ReleaseVerifier.verify(spark, job.policies(), summary.release());
  }

  @Test
  void everyModelOfTheShippedPoliciesHoldsOnThePublishedRows() {
    assertEquals(List.of(), report.failures(), "models violated in the published release");
    assertTrue(report.holds());
    for (DatasetPolicy p : job.policies()) {
      VerificationReport.DatasetVerification d = report.dataset(p.name()).orElseThrow();
      assertEquals(declaredModels(p.privacy()), d.checks().stream().map(ModelCheck::model).toList(),
          p.name() + ": one check per declared model");
      AnonymizeJob.DatasetSummary s = summary.datasets().stream().filter(x -> x.name().equals(p.name()))
          .findFirst().orElseThrow();
      assertTrue(s.published() > 0, p.name());
      assertEquals(s.published(), d.records(), p.name() + ": rows read back");
      ModelCheck k = d.check("k-anonymity").orElseThrow();
      assertTrue(k.worst().orElseThrow() >= p.privacy().k(), k.toString());
      assertEquals((double) s.kAchieved(), k.worst().orElseThrow(), p.name() + ": the smallest class read back is"
          + " the k the pipeline reports");
    }
  }

  @Test
  void theShippedPoliciesDeclareTheModelsThisTestCovers() {
    // survey: k-anonymity with 2-diversity of satisfaction; purchases: k-anonymity with k^m of categories per member
    VerificationReport.DatasetVerification survey = report.dataset("survey").orElseThrow();
    assertEquals(List.of("k-anonymity", "distinct-l-diversity"),
        survey.checks().stream().map(ModelCheck::model).toList());
    assertTrue(survey.check("distinct-l-diversity").orElseThrow().worst().orElseThrow() >= 2);
    VerificationReport.DatasetVerification purchases = report.dataset("purchases").orElseThrow();
    assertEquals(List.of("k-anonymity", "k^m-anonymity"), purchases.checks().stream().map(ModelCheck::model).toList());
    ModelCheck km = purchases.check("k^m-anonymity").orElseThrow();
    assertTrue(km.groups() > 10, "itemsets of the release checked: " + km);
    assertTrue(km.worst().orElseThrow() >= 5, km.toString());
  }

  /** The same published files fail a policy that asks for more than was enforced: the checks are not vacuous. */
  @Test
  void theReleaseFailsAStricterPolicy() {
    List<DatasetPolicy> stricter = new ArrayList<>();
    for (DatasetPolicy p : job.policies()) {
      PrivacySpec s = p.privacy();
      long kAchieved = summary.datasets().stream().filter(x -> x.name().equals(p.name())).findFirst().orElseThrow()
          .kAchieved();
      Optional<PrivacySpec.LDiversity> l = s.lDiversity().map(x -> new PrivacySpec.LDiversity(x.column(), 50,
          "distinct", x.c(), x.origin()));
      Optional<PrivacySpec.KmAnonymity> km = s.kmAnonymity().map(x -> new PrivacySpec.KmAnonymity(x.person(),
          x.item(), 1_000_000, x.m(), x.hierarchy(), x.remedy(), x.origin()));
      PrivacySpec strict = new PrivacySpec((int) kAchieved + 1, s.maxSuppression(), s.quasiIdentifiers(), l,
          s.tCloseness(), km, s.objective(), s.compareLocalRecoding(), s.origin());
      stricter.add(new DatasetPolicy(p.file(), p.name(), p.title(), p.input(), p.columns(), p.techniques(), strict,
          p.shuffleRecords()));
    }
    VerificationReport strict = ReleaseVerifier.verify(spark, stricter, summary.release());
    assertFalse(strict.holds());
    for (VerificationReport.DatasetVerification d : strict.datasets()) {
      for (ModelCheck c : d.checks()) {
        assertFalse(c.holds(), d.dataset() + ": " + c);
        assertTrue(c.violatingGroups() > 0 && c.violatingRecords() > 0, d.dataset() + ": " + c);
      }
    }
  }

  private static List<String> declaredModels(PrivacySpec p) {
    List<String> models = new ArrayList<>(List.of("k-anonymity"));
    p.lDiversity().ifPresent(l -> models.add(switch (l.variant()) {
      case "entropy" -> "entropy-l-diversity";
      case "recursive" -> "recursive-(c,l)-diversity";
      default -> "distinct-l-diversity";
    }));
    p.tCloseness().ifPresent(t -> models.add("t-closeness (" + t.distance() + " distance)"));
    p.kmAnonymity().ifPresent(km -> models.add("k^m-anonymity"));
    return models;
  }
}
