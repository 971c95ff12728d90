package io.appianon.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.release.Json;
import io.appianon.technique.PseudonymKey;
import io.appianon.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an analyst gets with a release of the bundled data (issue 22): typed companion columns read
 * back with Spark, report.json in one naming style and valid against docs/report.schema.json, with
 * ARX's average class size.
 */
class AnalystOutputsTest {
  static Path out;
  static SparkSession spark;
  static AnonymizeJob.Summary summary;
  static Map<String, Object> report;

  @BeforeAll
  static void runJob() throws IOException {
    out = TestProject.root().resolve("jobs/target/analyst-outputs");
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.walk(out)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    spark = TestSpark.session();
    JobConfig config = TestProject.config(out, Map.of("appianon.release.id", "analyst-r1"));
    summary = new AnonymizeJob(config).run(spark, "analyst-r1", PseudonymKey.generate());
    report = Json.read(summary.release().resolve("report.json"));
  }

  private Dataset<Row> release(String dataset) {
    return spark.read().parquet(summary.release().resolve(dataset).toString());
  }

  /**
   * quantity sums as a number (10+ counted at 10 and flagged), age bands sort by their bound,
   * months are dates.
   */
  @Test
  void typedCompanionsReadBackWithSpark() {
    Dataset<Row> purchases = release("purchases");
    assertEquals(
        DataTypes.StringType,
        purchases.schema().apply("quantity").dataType(),
        "the label column stays");
    assertEquals(DataTypes.LongType, purchases.schema().apply("quantity_from").dataType());
    assertEquals(DataTypes.BooleanType, purchases.schema().apply("quantity_top_coded").dataType());
    assertEquals(DataTypes.DateType, purchases.schema().apply("purchase_month_from").dataType());
    assertEquals(DataTypes.DateType, purchases.schema().apply("purchase_month_to").dataType());
    assertEquals(DataTypes.LongType, purchases.schema().apply("amount_band_from").dataType());
    // sum as a number in Spark SQL, equal to the sum of the labels read as numbers (10+ as 10)
    long summed = purchases.agg(sum(col("quantity_from"))).first().getLong(0);
    long fromLabels = 0;
    long topCoded = 0;
    for (Row r : purchases.select("quantity", "quantity_top_coded").collectAsList()) {
      String q = r.getString(0);
      fromLabels += Long.parseLong(q.replace("+", ""));
      if (q.endsWith("+")) {
        topCoded++;
        assertTrue(r.getBoolean(1));
      } else {
        assertTrue(!r.getBoolean(1));
      }
    }
    assertEquals(fromLabels, summed);
    assertTrue(topCoded > 0, "the bundled data has top-coded quantities");
    // a month label and its dates agree
    for (Row r :
        purchases
            .select(
                col("purchase_month"),
                col("purchase_month_from").cast("string"),
                col("purchase_month_to").cast("string"))
            .distinct()
            .collectAsList()) {
      if (r.getString(0).matches("\\d{4}-\\d{2}")) {
        assertEquals(r.getString(0) + "-01", r.getString(1));
        assertTrue(r.getString(2).startsWith(r.getString(0) + "-"), r.toString());
      }
    }
    // age bands sorted by their numeric bound (as text, 5-9 would follow 40-44 and 100+ precede
    // 20-24)
    List<Row> ages =
        release("survey")
            .select("age", "age_from", "age_to")
            .distinct()
            .where(col("age_from").isNotNull())
            .orderBy(col("age_from"))
            .collectAsList();
    assertTrue(ages.size() >= 2, ages.toString());
    for (int i = 1; i < ages.size(); i++) {
      assertTrue(ages.get(i - 1).getLong(0 + 1) < ages.get(i).getLong(1), ages.toString());
      assertTrue(
          ages.get(i - 1).isNullAt(2) || ages.get(i - 1).getLong(2) < ages.get(i).getLong(1),
          ages.toString());
    }
  }

  /** report.json validates against docs/report.schema.json, and no key is written in camelCase. */
  @Test
  void reportFollowsItsSchemaInOneNamingStyle() throws IOException {
    String schemaText = Files.readString(TestProject.root().resolve("docs/report.schema.json"));
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(schemaText, InputFormat.JSON);
    String json = Files.readString(summary.release().resolve("report.json"));
    List<String> errors =
        schema.validate(json, InputFormat.JSON).stream().map(e -> e.toString()).toList();
    assertEquals(List.of(), errors.stream().limit(20).toList());
    // the schema is not vacuous: a report with a camelCase key is refused
    String forged = json.replaceFirst("\"k_achieved\"", "\"kAchieved\"");
    assertTrue(
        !schema.validate(forged, InputFormat.JSON).isEmpty(), "a renamed key must fail the schema");
    // the kinds of processing that list columns are snake_case too (top-bottom-coded before issue
    // 25)
    String kebab = json.replaceFirst("\"top_bottom_coded\"", "\"top-bottom-coded\"");
    assertTrue(
        !kebab.equals(json) && !schema.validate(kebab, InputFormat.JSON).isEmpty(),
        "kinds in snake_case");
    // the search's attribute weights are recorded (1 each: the shipped policies give none) and must
    // be positive
    assertTrue(json.contains("\"weights\" : {"), "search.weights recorded");
    String negative = json.replaceFirst("\"weights\" : \\{", "\"weights\" : { \"x\" : -1.0,");
    assertTrue(
        !negative.equals(json) && !schema.validate(negative, InputFormat.JSON).isEmpty(),
        "weights > 0");
    List<String> camel = new ArrayList<>();
    keys(report, "", camel);
    assertEquals(List.of(), camel);
  }

  /** ARX's average class size: records / (kept classes + 1 when any record is suppressed). */
  @Test
  @SuppressWarnings("unchecked")
  void averageClassSizeIsArxs() {
    Map<String, Object> privacy =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) report.get("datasets")).get("survey"))
                .get("privacy");
    double n = ((Number) privacy.get("input_records")).doubleValue();
    long suppressed = ((Number) privacy.get("suppressed_records")).longValue();
    long classes =
        ((Number)
                ((Map<String, Object>)
                        ((Map<String, Object>) privacy.get("utility")).get("class_sizes"))
                    .get("classes"))
            .longValue();
    Map<String, Object> after = (Map<String, Object>) privacy.get("loss_after");
    assertEquals(
        n / (classes + (suppressed > 0 ? 1 : 0)),
        ((Number) after.get("average_class_size")).doubleValue(),
        1e-9);
    assertEquals(
        (n - suppressed) / classes / 5,
        ((Number) after.get("average_class_size_over_k")).doubleValue(),
        1e-9,
        "the former figure, under its own name");
    // an attribute reported removed is the one published as a single value
    for (Map<String, Object> a :
        (List<Map<String, Object>>)
            ((Map<String, Object>) privacy.get("utility")).get("attributes")) {
      String column = (String) a.get("attribute");
      long published = release("survey").select(column).distinct().count();
      assertEquals(published == 1, a.get("removed"), column + ": " + a);
      if (Boolean.TRUE.equals(a.get("removed"))) {
        assertEquals(null, a.get("p_value"), column + " has no p-value");
      }
    }
  }

  /**
   * report.html: self-contained (nothing loaded from elsewhere), each quasi-identifier's level in
   * words, charts as inline SVG, and it renders in headless Chromium (skipped without it, unless
   * CI=true).
   */
  @Test
  void reportHtmlSaysWhatWasLostAndRendersOffline() throws Exception {
    Path html = summary.release().resolve("report.html");
    String page = Files.readString(html);
    assertTrue(
        !page.matches("(?s).*(\\bsrc=|\\bhref=|url\\(|@import|<script).*"),
        "nothing loaded from elsewhere");
    // each quasi-identifier's level in words, from the levels report.json gives
    Map<String, Object> levels = levels("survey");
    int prefecture = ((Number) levels.get("prefecture")).intValue();
    int maxPrefecture = 2; // sample-data/hierarchies/prefecture.csv: prefecture; region; *
    if (prefecture == maxPrefecture) {
      assertTrue(
          page.contains(
              "<code>prefecture</code></td><td class=\"n\">2 / 2</td><td class=\"removed\">"),
          "prefecture removed");
      assertTrue(
          page.contains("removed entirely (every value &#39;*&#39;)"), "in words, HTML-escaped");
    }
    if (((Number) levels.get("age")).intValue() == 3) {
      assertTrue(
          page.contains("bands 20 wide (e.g. 0-19, 20-39, 40-59)"),
          "age in 20-year bands, in words");
    }
    assertTrue(
        page.contains("本人単位の匿名性") && page.contains("Person-level privacy"), "the persons section");
    assertTrue(page.contains("person-model"), "rows suppressed by reason");
    // charts: per dataset the class-size histogram and before/after per quasi-identifier, plus risk
    // and persons
    long svgs = page.split("<svg", -1).length - 1;
    assertTrue(svgs >= 2 * (5 + 3) + 2, "charts drawn: " + svgs);
    Tools.require(Tools.onPath("chromium"), "chromium (headless rendering of report.html)");
    Path png = out.resolve("report.png");
    Process p =
        new ProcessBuilder(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + out.resolve("chromium-profile"),
                "--window-size=1200,4000",
                "--screenshot=" + png,
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("chromium.log").toFile())
            .start();
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium did not finish");
    assertTrue(
        Files.exists(png) && Files.size(png) > 20_000,
        "screenshot " + png + " (" + Files.readString(out.resolve("chromium.log")) + ")");
    Process dom =
        new ProcessBuilder(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + out.resolve("chromium-profile"),
                "--dump-dom",
                html.toUri().toString())
            .redirectError(out.resolve("chromium-dom.log").toFile())
            .start();
    String parsed =
        new String(dom.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(dom.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(parsed.contains("<rect class=\"after\""), "Chromium's DOM holds the SVG bars");
    assertTrue(parsed.contains("加工結果レポート"), "Japanese text survives as UTF-8");
  }

  /**
   * dictionary.json / .md: types, meaning, processing, what null means, value counts of categorical
   * columns.
   */
  @Test
  @SuppressWarnings("unchecked")
  void dictionaryDescribesEveryPublishedColumn() throws IOException {
    Map<String, Object> dict = Json.read(summary.release().resolve("dictionary.json"));
    Map<String, Map<String, Object>> purchases = new java.util.LinkedHashMap<>();
    for (Map<String, Object> d : (List<Map<String, Object>>) dict.get("datasets")) {
      if (d.get("name").equals("purchases")) {
        for (Map<String, Object> c : (List<Map<String, Object>>) d.get("columns")) {
          purchases.put((String) c.get("name"), c);
        }
      }
    }
    assertEquals(
        List.of(release("purchases").columns()),
        List.copyOf(purchases.keySet()),
        "every published column");
    assertEquals("BIGINT", purchases.get("quantity_from").get("type"));
    assertEquals("INT64", purchases.get("quantity_from").get("parquet_type"));
    assertEquals("DATE", purchases.get("purchase_month_from").get("type"));
    assertEquals("quantity", purchases.get("quantity_top_coded").get("typed_companion_of"));
    assertEquals(
        "Month of purchase",
        ((Map<String, Object>) purchases.get("purchase_month").get("meaning")).get("en"));
    Map<String, Object> delivery = purchases.get("delivery_prefecture");
    long nulls = release("purchases").where(col("delivery_prefecture").isNull()).count();
    assertTrue(nulls > 0);
    assertEquals(nulls, ((Number) delivery.get("nulls")).longValue());
    assertTrue(
        ((Map<String, Object>) delivery.get("null_means"))
            .get("en")
            .toString()
            .contains("delivery_address"),
        delivery.toString());
    Map<String, Object> categories =
        (Map<String, Object>) purchases.get("category").get("value_counts");
    assertEquals(
        release("purchases").count(),
        categories.values().stream().mapToLong(v -> ((Number) v).longValue()).sum(),
        "value counts cover every row");
    assertTrue(
        !purchases.get("member_id").containsKey("value_counts"), "pseudonyms are not counted");
    List<String> storeSteps =
        List.of(
            ((Map<String, Object>) purchases.get("store").get("processing"))
                .get("en")
                .toString()
                .split("; "));
    assertEquals(storeSteps.stream().distinct().toList(), storeSteps, "each processing step once");
    String md = Files.readString(summary.release().resolve("dictionary.md"));
    assertTrue(md.contains("| `quantity_from` | BIGINT | INT64 |"), md);
    assertTrue(md.contains("### `category` value counts"), md);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> levels(String dataset) {
    return (Map<String, Object>)
        ((Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) report.get("datasets")).get(dataset))
                    .get("privacy"))
            .get("levels");
  }

  @SuppressWarnings("unchecked")
  private static void keys(Object node, String path, List<String> camel) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (k.matches(".*[a-z][A-Z].*")
            && !path.matches(
                ".*\\.(levels|loss_by_attribute|intensity_by_attribute"
                    + "|histogram|suppressed_by_reason|quarantined_by_reason)$")) {
          camel.add(path + "." + k);
        }
        keys(e.getValue(), path + "." + k, camel);
      }
    } else if (node instanceof List<?> l) {
      for (Object o : l) {
        keys(o, path + "[]", camel);
      }
    }
  }
}
