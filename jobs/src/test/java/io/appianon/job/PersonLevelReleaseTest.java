package io.appianon.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.core.PolicyException;
import io.appianon.release.Json;
import io.appianon.technique.PseudonymKey;
import io.appianon.testing.Attacker;
import io.appianon.testing.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release-level person stage on a small real setup, attacked on the published files. */
class PersonLevelReleaseTest {
  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void aMemberWithAUniqueVisitIsGeneralizedOrSuppressedInBothDatasets() throws Exception {
    SparkSession spark = TestSpark.session();
    Fixture fx = new Fixture(tmp);
    // M0001 alone shopped in September: at month level, the month alone singles M0001 out among the
    // members.
    Files.writeString(
        fx.purchasesCsv(),
        "M0001,2026-09-15 10:00:00,野菜,500\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    AnonymizeJob job = new AnonymizeJob(Fixture.load(fx.config("app", "A")));
    PseudonymKey key = PseudonymKey.generate();
    String m1 = Fixture.pseudonym(key.bytes(), "M0001");
    AnonymizeJob.Summary summary = job.run(spark, "r1", key);
    Path release = summary.release();

    List<Row> months =
        spark
            .read()
            .parquet(release.resolve("purchases").toString())
            .select("purchase_month")
            .distinct()
            .collectAsList();
    assertFalse(
        months.stream().anyMatch(r -> "2026-09".equals(r.getString(0))),
        "the unique month is not published");
    Set<String> survey =
        Set.copyOf(
            spark
                .read()
                .parquet(release.resolve("survey").toString())
                .select("member_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    Set<String> buyers =
        Set.copyOf(
            spark
                .read()
                .parquet(release.resolve("purchases").toString())
                .select("member_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    // M0001 is either in both datasets (its month generalized) or in neither (suppressed as a
    // person)
    assertEquals(survey.contains(m1), buyers.contains(m1));
    Attacker attacker =
        new Attacker(
            spark,
            release,
            "survey",
            "member_id",
            List.of("birth_year", "sex"),
            "purchases",
            "member_id",
            List.of("purchase_month"));
    assertEquals(Set.of(), attacker.singledOut(2, 1));

    Map<String, Object> report = Json.read(release.resolve("report.json"));
    Map<String, Object> persons = (Map<String, Object>) report.get("persons");
    assertEquals(Fixture.MEMBERS, ((Number) persons.get("persons")).intValue());
    assertEquals(
        Fixture.MEMBERS - survey.size(), ((Number) persons.get("suppressed_persons")).intValue());
    Map<String, Object> audit = (Map<String, Object>) persons.get("audit_of_published_files");
    assertEquals(true, audit.get("holds"));
  }

  @Test
  void datasetsSharingAPseudonymWithoutAPersonModelAreRefusedBeforeAnyDataIsRead() {
    Map<String, Object> o = TestProject.overrides(tmp);
    JobConfig config =
        JobConfig.load(
            TestProject.root().resolve("conf/application.conf"),
            ConfigFactory.parseString("appianon.persons = null")
                .withFallback(ConfigFactory.parseMap(o)));
    PolicyException e = assertThrows(PolicyException.class, () -> new AnonymizeJob(config));
    assertEquals("appianon.persons", e.key());
    assertTrue(
        e.getMessage().contains("survey and purchases share the pseudonym domain 'member'"),
        e.getMessage());
  }

  @Test
  void aPersonModelNamingAColumnThatIsNotPublishedIsRefused() {
    Map<String, Object> o = TestProject.overrides(tmp);
    JobConfig config =
        JobConfig.load(
            TestProject.root().resolve("conf/application.conf"),
            ConfigFactory.parseString(
                    "appianon.persons.items = [ { dataset = purchases, column = product, hierarchy = product } ]")
                .withFallback(ConfigFactory.parseMap(o)));
    PolicyException e = assertThrows(PolicyException.class, () -> new AnonymizeJob(config));
    assertTrue(
        e.getMessage().contains("'product' is not a published column of dataset 'purchases'"),
        e.getMessage());
  }

  @Test
  void invalidMaxLevelsAndItemSuppressionAreRefusedNamingTheKey() {
    Map<String, Object> o = TestProject.overrides(tmp);
    for (String[] c :
        new String[][] {
          {
            "appianon.persons.max-item-suppression = 0.9",
            "max-item-suppression",
            "between 0 and 0.5"
          },
          {
            "appianon.persons.items = [ { dataset = purchases, column = store, hierarchy = store, max-level = 7 } ]",
            "max-level",
            "invalid value 7 for hierarchy 'store' (must be 0..3)"
          }
        }) {
      JobConfig config =
          JobConfig.load(
              TestProject.root().resolve("conf/application.conf"),
              ConfigFactory.parseString(c[0]).withFallback(ConfigFactory.parseMap(o)));
      PolicyException e = assertThrows(PolicyException.class, () -> new AnonymizeJob(config), c[0]);
      assertTrue(e.key().endsWith(c[1]), e.key());
      assertTrue(e.getMessage().contains(c[2]), e.getMessage());
    }
  }
}
