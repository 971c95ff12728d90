package io.appianon.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.appianon.TestProject;
import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.release.Json;
import io.appianon.release.SecretBox;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import io.appianon.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 item 1, "no k-anonymity requirement unless the policy adds one": the shipped
 * configuration switched to the pseudonymous kind, with copies of the shipped policies whose {@code
 * privacy} blocks are cut out, through the real command line on the bundled data. The release is
 * made without any privacy model (no row suppressed for k, no generalization searched), the role
 * rules still hold on the written Parquet, report.json says plainly that no model was applied and
 * follows its schema; the anonymous kind still refuses the same policies before reading data.
 */
class PseudonymousWithoutPrivacyTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  @TempDir Path tmp;

  /** A copy of a shipped policy without its privacy block (the last block of the dataset). */
  private Path withoutPrivacy(String name) throws Exception {
    String text = Files.readString(TestProject.root().resolve("conf/policies/" + name + ".conf"));
    int at = text.indexOf("\n  privacy {");
    assertTrue(at > 0, name + ": the shipped policy has a privacy block");
    String cut = text.substring(0, at) + "\n}\n";
    assertFalse(cut.contains("quasi-identifiers = ["), name + ": cut");
    Path out = Files.createDirectories(tmp.resolve("policies")).resolve(name + ".conf");
    Files.writeString(out, cut);
    return out;
  }

  /** The shipped application.conf, included, with the given lines after it. */
  private Path conf(String name, String... lines) throws Exception {
    String text =
        "include file(\""
            + TestProject.root().resolve("conf/application.conf")
            + "\")\n"
            + String.join("\n", lines)
            + "\n";
    return Files.writeString(tmp.resolve(name), text);
  }

  private String[] args(Path conf, List<Path> policies, String... command) {
    List<String> a = new ArrayList<>(List.of(command));
    a.add("--config");
    a.add(conf.toString());
    Map<String, Object> o = new java.util.LinkedHashMap<>(TestProject.overrides(tmp));
    o.put("appianon.datasets", policies.stream().map(Path::toString).toList());
    for (Map.Entry<String, Object> e : o.entrySet()) {
      a.add("--set");
      a.add(
          e.getKey()
              + "="
              + (e.getValue() instanceof List<?> l
                  ? "[" + String.join(",", l.stream().map(x -> "\"" + x + "\"").toList()) + "]"
                  : e.getValue()));
    }
    return a.toArray(new String[0]);
  }

  private static Set<String> distinct(Dataset<Row> rows, String column) {
    Set<String> out = new HashSet<>();
    for (Row r : rows.select(col(column).cast("string")).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  private static Set<String> csvColumn(Path csv, String column) throws Exception {
    Dataset<Row> rows =
        TestSpark.get()
            .read()
            .option("header", "true")
            .option("multiLine", "true")
            .csv(csv.toString());
    return distinct(rows, column);
  }

  @Test
  @SuppressWarnings("unchecked")
  void pseudonymousReleaseWithoutPrivacyBlocksRunsWithoutAnyModelAndKeepsTheRoleRules()
      throws Exception {
    List<Path> policies = List.of(withoutPrivacy("survey"), withoutPrivacy("purchases"));
    Path conf =
        conf(
            "pseudonymous.conf",
            "appianon.release.kind = pseudonymous",
            "appianon.method-store.encrypt = true",
            "appianon.release.purpose { ja = \"社内での購買傾向の分析\", en = \"internal analysis of buying patterns\" }",
            // pseudonymous data are linkable internal data: no person-level model unless the
            // configuration keeps one
            "appianon.persons = null");
    MutableClock clock = new MutableClock(T0);
    SparkSession spark = TestSpark.get();
    CliContext ctx =
        new CliContext(clock, Map.of(SecretBox.ENV, Fixture.PASSPHRASE), Optional.of(spark));
    Cli.Result plan = Cli.run(ctx, args(conf, policies, "plan"));
    assertEquals(0, plan.code(), plan.err());
    assertTrue(plan.out().contains("privacy: no model"), plan.out());
    Cli.Result notice = Cli.run(ctx, args(conf, policies, "announce"));
    assertEquals(0, notice.code(), notice.err());
    clock.advance(Duration.ofMinutes(5));

    Cli.Result run = Cli.run(ctx, args(conf, policies, "anonymize", "--release-id", "p1"));
    assertEquals(0, run.code(), run.err());
    Path release = tmp.resolve("releases").resolve("p1");
    Map<String, Object> report = Json.read(release.resolve("report.json"));
    Map<String, Object> datasets = (Map<String, Object>) report.get("datasets");
    for (String ds : List.of("survey", "purchases")) {
      Map<String, Object> d = (Map<String, Object>) datasets.get(ds);
      Map<String, Object> privacy = (Map<String, Object>) d.get("privacy");
      assertEquals(List.of(), privacy.get("models"), ds + ": no model applied");
      assertTrue(
          privacy.containsKey("k") && privacy.get("k") == null,
          ds + ": k null, not a number: " + privacy);
      assertNull(privacy.get("k_achieved"), ds);
      assertEquals(Map.of(), privacy.get("levels"), ds + ": no generalization searched or pinned");
      assertTrue(((String) privacy.get("levels_chosen_by")).startsWith("none"), ds);
      Map<String, Object> rows = (Map<String, Object>) d.get("rows");
      assertEquals(
          0, ((Number) rows.get("suppressed")).longValue(), ds + ": nothing suppressed: " + rows);
      assertEquals(
          ((Number) rows.get("input")).longValue() - ((Number) rows.get("quarantined")).longValue(),
          ((Number) rows.get("published")).longValue(),
          ds + ": every valid row published");
      assertFalse(report.containsKey("persons"), "no person-level stage");
      Map<String, Object> verified =
          (Map<String, Object>)
              ((Map<String, Object>)
                      ((Map<String, Object>) report.get("verification")).get("datasets"))
                  .get(ds);
      for (Map<String, Object> c : (List<Map<String, Object>>) verified.get("checks")) {
        assertEquals(
            "typed-columns", c.get("model"), ds + ": no model checked that was not applied");
      }
    }
    // report.json follows its schema, and the schema does not accept a k for a release without a
    // model
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(
                Files.readString(TestProject.root().resolve("docs/report.schema.json")),
                InputFormat.JSON);
    String json = Files.readString(release.resolve("report.json"));
    assertEquals(
        List.of(),
        schema.validate(json, InputFormat.JSON).stream().map(Object::toString).limit(10).toList());
    assertFalse(
        schema.validate(json.replaceFirst("\"k\" : null", "\"k\" : 5"), InputFormat.JSON).isEmpty(),
        "a k without a model is refused by the schema");
    String html = Files.readString(release.resolve("report.html"));
    assertTrue(
        html.contains("No privacy model (k-anonymity etc.) was applied"), "report.html says so");
    // the manifest describes no k-anonymity either
    String manifest = Files.readString(release.resolve("manifest.json"));
    assertFalse(
        manifest.contains("k-anonymity") || manifest.contains("k-匿名"), "no model in the manifest");

    // the written Parquet: the policy's own levels, nothing generalized for k; every role rule
    // holds
    Dataset<Row> survey = spark.read().parquet(release.resolve("survey").toString());
    Dataset<Row> purchases = spark.read().parquet(release.resolve("purchases").toString());
    Path surveyCsv = TestProject.sampleData().resolve("survey.csv");
    Path purchasesCsv = TestProject.sampleData().resolve("purchases.csv");
    Set<String> prefectures = distinct(survey, "prefecture");
    assertTrue(
        prefectures.size() >= 40 && prefectures.contains("兵庫県"),
        "prefectures as collected: " + prefectures);
    for (String c : List.of("sex", "family_structure")) {
      Set<String> published = distinct(survey, c);
      assertTrue(
          published.size() >= 2 && csvColumn(surveyCsv, c).containsAll(published),
          c + " as collected: " + published);
    }
    Set<String> ages = distinct(survey, "age");
    assertTrue(
        ages.size() > 40 && ages.contains("34"),
        "ages in years (top-coded 90+ by the policy): " + ages);
    Set<String> stores = distinct(purchases, "store");
    assertTrue(
        stores.size() >= 10 && csvColumn(purchasesCsv, "store").containsAll(stores),
        "stores as collected, not" + " their regions: " + stores);
    assertTrue(
        distinct(purchases, "purchase_month").stream().allMatch(m -> m.matches("\\d{4}-\\d{2}")),
        "months");
    Set<String> surveyColumns = new HashSet<>(Arrays.asList(survey.columns()));
    for (String gone :
        List.of(
            "name",
            "name_kana",
            "email",
            "phone",
            "postal_code",
            "city",
            "street",
            "my_number",
            "birth_date")) {
      assertFalse(surveyColumns.contains(gone), "survey: " + gone + " deleted");
    }
    Set<String> purchaseColumns = new HashSet<>(Arrays.asList(purchases.columns()));
    for (String gone : List.of("card_number", "delivery_address", "unit_price", "product")) {
      assertFalse(purchaseColumns.contains(gone), "purchases: " + gone + " deleted");
    }
    Set<String> members = distinct(survey, "member_id");
    assertTrue(
        members.stream().allMatch(m -> m.matches("[0-9a-f]{32}")),
        "member ids are keyed pseudonyms");
    Set<String> raw = csvColumn(surveyCsv, "member_id");
    raw.retainAll(members);
    assertEquals(Set.of(), raw, "no raw member id published");
    Set<String> orders = distinct(purchases, "order_id");
    assertTrue(
        orders.stream().allMatch(m -> m.matches("[0-9a-f]{32}")), "order ids are keyed pseudonyms");
    assertTrue(
        survey.join(purchases, "member_id").count() > 20_000, "survey and purchases still link");
  }

  @Test
  void withoutPrivacyBlocksTheAnonymousKindIsRefusedBeforeReadingData() throws Exception {
    Path survey = withoutPrivacy("survey");
    List<Path> policies =
        List.of(survey, TestProject.root().resolve("conf/policies/purchases.conf"));
    CliContext ctx =
        new CliContext(
            new MutableClock(T0),
            Map.of(SecretBox.ENV, Fixture.PASSPHRASE),
            Optional.empty()); // no Spark: refused before it is needed
    Path anonymous = conf("anonymous.conf");
    for (String command : List.of("plan", "anonymize")) {
      Cli.Result r = Cli.run(ctx, args(anonymous, policies, command));
      assertEquals(ExitCode.CONFIG.code(), r.code(), command + ": " + r.err());
      assertTrue(
          r.err().contains(survey.toString())
              && r.err().contains("dataset.privacy")
              && r.err().contains("anonymous release"),
          r.err());
    }
    assertFalse(Files.exists(tmp.resolve("releases")), "nothing written");

    // the pseudonymous kind with the shipped person-level model: it is enforced, and needs the
    // survey's quasi-identifiers, which only its privacy block declares
    Path pseudonymous =
        conf(
            "pseudonymous.conf",
            "appianon.release.kind = pseudonymous",
            "appianon.method-store.encrypt = true");
    Cli.Result r = Cli.run(ctx, args(pseudonymous, policies, "plan"));
    assertEquals(ExitCode.CONFIG.code(), r.code(), r.err());
    assertTrue(
        r.err().contains("appianon.persons.relational")
            && r.err().contains("declares no privacy block"),
        r.err());
  }
}
