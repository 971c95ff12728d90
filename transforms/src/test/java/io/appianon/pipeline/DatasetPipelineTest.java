package io.appianon.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestSpark;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.PolicyException;
import io.appianon.core.ReportJson;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyLoader;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import io.appianon.technique.PseudonymKey;
import io.appianon.technique.TechniqueContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The techniques and the k-anonymity stage, run together on a small hand-made table. */
class DatasetPipelineTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();
  private HierarchyResolver hierarchies;

  private static final String POLICY =
      """
      dataset {
        name = people
        input { path = "unused.csv" }
        columns = [
          { name = id, role = linking, category = "ID" }
          { name = name, role = identifier, category = "氏名" }
          { name = birth, type = date, role = quasi-identifier, category = "生年月日" }
          { name = address, role = identifier, category = "住所" }
          { name = job, role = quasi-identifier, category = "職業" }
          { name = amount, type = long, role = attribute, category = "金額" }
          { name = note, role = free-text, category = "備考" }
        ]
        transforms = [
          { type = delete, columns = [name] }
          { type = delete-records, where = "id = 'M101'", reason = "test-account" }
          { type = pseudonymize, columns = [id], domain = member }
          { type = age, column = birth, reference = "2026-10-01", output = age, category = "年齢" }
          { type = top-bottom-code, column = age, upper = 90, upper-label = "90+" }
          { type = address-to-prefecture, column = address, output = pref, category = "都道府県" }
          { type = rare-values, column = job, min-count = 3, replacement = "その他" }
          { type = top-bottom-code, column = amount, upper = 10000 }
          { type = interval, column = amount, output = amount_band, bounds = [0, 1000, 5000] }
          { type = scrub, columns = [note] }
        ]
        privacy {
          k = 3
          max-suppression = %s
          quasi-identifiers = [
            { column = age, hierarchy = age, level = 1 }
            { column = pref, hierarchy = none, level = 0 }
            { column = job, hierarchy = none, level = 0 }
          ]
        }
      }
      """;

  @BeforeEach
  void hierarchies() throws IOException {
    StringBuilder age = new StringBuilder();
    for (int a = 0; a < 90; a++) {
      age.append(a)
          .append(';')
          .append(a / 10 * 10)
          .append('-')
          .append(a / 10 * 10 + 9)
          .append(";*\n");
    }
    age.append("90+;90+;*\n");
    Files.writeString(tmp.resolve("age.csv"), age);
    hierarchies = new HierarchyResolver(tmp);
  }

  private DatasetPolicy policy(String maxSuppression) {
    return PolicyLoader.parse(
        new Conf(
            ConfigFactory.parseString(POLICY.formatted(maxSuppression)),
            new Origin("people.conf", "")),
        hierarchies);
  }

  private Dataset<Row> people() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("birth", DataTypes.DateType)
            .add("address", DataTypes.StringType)
            .add("job", DataTypes.StringType)
            .add("amount", DataTypes.LongType)
            .add("note", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(
          RowFactory.create(
              "M" + i,
              "佐藤 花子",
              Date.valueOf("1990-0" + (1 + i % 9) + "-01"),
              "東京都新宿区西新宿2-8-1",
              "会社員",
              500L + i * 100,
              i == 0 ? "電話は090-1234-5678です" : "良い店"));
    }
    rows.add(
        RowFactory.create(
            "M100",
            "山田 太郎",
            Date.valueOf("1910-05-05"),
            "大阪府大阪市北区梅田1-1-1",
            "宇宙飛行士",
            3_000_000L,
            null));
    rows.add(
        RowFactory.create(
            "M101", "鈴木 一郎", Date.valueOf("1991-05-05"), "北海道札幌市中央区1-1", "会社員", 100_000L, null));
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void appliesEveryTechniqueAndCountsWhatItDid() {
    PipelineResult r =
        new DatasetPipeline(policy("0.2"))
            .run(people(), new TechniqueContext(Optional.of(PseudonymKey.generate()), 42));
    try {
      Dataset<Row> out = r.output();
      List<String> cols = List.of(out.columns());
      assertFalse(
          cols.contains("name") || cols.contains("birth") || cols.contains("address"),
          cols.toString());
      assertEquals(14, r.processed());
      assertEquals(
          Map.of("test-account", 1L, DatasetPipeline.REASON_PRIVACY, 1L), r.suppressedByReason());
      assertEquals(12, r.published());
      assertEquals(12, out.count(), "published count equals the rows in the output");
      long smallest =
          out.groupBy("age", "pref", "job").count().agg(min("count")).first().getLong(0);
      assertTrue(smallest >= 3, "k=3 holds on the output, smallest class " + smallest);
      assertEquals(
          List.of("東京都"),
          out.select("pref").distinct().collectAsList().stream().map(x -> x.getString(0)).toList());
      assertEquals(0, out.where(col("note").contains("090")).count(), "phone scrubbed");
      assertEquals(
          List.of("30-39"),
          out.select("age").distinct().collectAsList().stream().map(x -> x.getString(0)).toList(),
          "ages published at the policy's level 1");
      assertEquals(
          1, r.privacySuppressed().orElseThrow().size(), "the one class below k: 90+/大阪府/その他");
      @SuppressWarnings("unchecked")
      Map<String, Object> privacy =
          (Map<String, Object>) ReportJson.toMap(r.report()).get("privacy");
      assertEquals("policy", privacy.get("levels_chosen_by"));
      assertTrue(
          r.lineage().columns().get("age").processing().stream()
              .anyMatch(
                  t ->
                      t.en()
                          .matches("generalized to groups such as \\d+-\\d+、\\d+-\\d+、\\d+-\\d+")),
          "the manifest names example groups of the level");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> t =
          (List<Map<String, Object>>) ReportJson.toMap(r.report()).get("techniques");
      Map<String, Object> counters =
          t.stream()
              .collect(
                  Collectors.toMap(
                      m -> m.get("type") + "/" + m.get("column") + "/" + m.get("metric"),
                      m -> m.get("value")));
      assertEquals(1L, counters.get("top-bottom-code/age/top_coded"), "age 116 grouped as 90+");
      assertEquals(1L, counters.get("rare-values/job/replaced"), "the one astronaut became その他");
      assertEquals(
          1L, counters.get("top-bottom-code/amount/top_coded"), "the 3,000,000 yen amount capped");
      assertEquals(1L, counters.get("scrub/note/cells_changed"));
    } finally {
      r.cleanup().run();
    }
  }

  @Test
  void reportsMondrianLocalRecodingBesideTheFullDomainResultWhenAsked() {
    String text =
        POLICY
            .formatted("0.2")
            .replace(
                "max-suppression = 0.2",
                "max-suppression = 0.2\n          compare-local-recoding = true");
    DatasetPolicy p =
        PolicyLoader.parse(
            new Conf(ConfigFactory.parseString(text), new Origin("people.conf", "")), hierarchies);
    PipelineResult r =
        new DatasetPipeline(p)
            .run(people(), new TechniqueContext(Optional.of(PseudonymKey.generate()), 42));
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> privacy =
          (Map<String, Object>) ReportJson.toMap(r.report()).get("privacy");
      @SuppressWarnings("unchecked")
      Map<String, Object> mondrian = (Map<String, Object>) privacy.get("local_recoding_comparison");
      assertEquals(
          13L,
          mondrian.get("input_records"),
          "Mondrian saw the records left after record deletion");
      assertTrue(
          ((Number) mondrian.get("min_partition_size")).longValue() >= 3, mondrian.toString());
      assertTrue(((Number) mondrian.get("partitions")).intValue() >= 1, mondrian.toString());
      double loss = ((Number) mondrian.get("loss")).doubleValue();
      assertTrue(loss >= 0 && loss <= 1, mondrian.toString());
      assertEquals(12, r.output().count(), "the published output is still the full-domain one");
    } finally {
      r.cleanup().run();
    }
    PipelineResult plain =
        new DatasetPipeline(policy("0.2"))
            .run(people(), new TechniqueContext(Optional.of(PseudonymKey.generate()), 42));
    try {
      assertFalse(
          ((Map<?, ?>) ReportJson.toMap(plain.report()).get("privacy"))
              .containsKey("local_recoding_comparison"),
          "only when the policy asks");
    } finally {
      plain.cleanup().run();
    }
  }

  /**
   * A published attribute holding a phone number (the note column declared an attribute and not
   * scrubbed) fails the run in the counting pass, before anything is written.
   */
  @Test
  void anIdentifierInAPublishedAttributeFailsTheRun() {
    String text =
        POLICY
            .formatted("0.2")
            .replace("role = free-text", "role = attribute")
            .replace("{ type = scrub, columns = [note] }", "");
    DatasetPolicy p =
        PolicyLoader.parse(
            new Conf(ConfigFactory.parseString(text), new Origin("people.conf", "")), hierarchies);
    SentinelException e =
        assertThrows(
            SentinelException.class,
            () ->
                new DatasetPipeline(p)
                    .run(people(), new TechniqueContext(Optional.of(PseudonymKey.generate()), 42)));
    assertTrue(e.getMessage().contains("published column(s) note (1 rows)"), e.getMessage());
  }

  /**
   * A policy without a privacy block (the pseudonymous kind): every row the techniques keep is
   * published, nothing is suppressed for a model, and the report names no model.
   */
  @Test
  void withoutAPrivacyBlockEveryKeptRowIsPublished() {
    String hocon =
        """
        dataset {
          name = ledger
          input { path = "unused.csv" }
          columns = [
            { name = id, role = linking, category = "ID" }
            { name = amount, type = long, role = attribute, category = "金額" }
          ]
          transforms = [
            { type = pseudonymize, columns = [id], domain = member }
            { type = delete-records, where = "amount < 0", reason = refund }
          ]
        }
        """;
    DatasetPolicy p =
        PolicyLoader.parse(
            new Conf(ConfigFactory.parseString(hocon), new Origin("ledger.conf", "")),
            hierarchies,
            true);
    Dataset<Row> in =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", 10L),
                RowFactory.create("b", 20L),
                RowFactory.create("c", -5L)),
            new StructType().add("id", DataTypes.StringType).add("amount", DataTypes.LongType));
    PipelineResult r =
        new DatasetPipeline(p)
            .run(in, new TechniqueContext(Optional.of(PseudonymKey.generate()), 42));
    try {
      assertEquals(Map.of("refund", 1L), r.suppressedByReason());
      assertEquals(2, r.published());
      assertEquals(
          List.of(10L, 20L),
          r.output().select("amount").collectAsList().stream()
              .map(x -> x.getLong(0))
              .sorted()
              .toList());
      assertTrue(r.privacySuppressed().isEmpty());
      @SuppressWarnings("unchecked")
      Map<String, Object> privacy =
          (Map<String, Object>) ReportJson.toMap(r.report()).get("privacy");
      assertEquals(List.of(), privacy.get("models"));
    } finally {
      r.cleanup().run();
    }
  }

  @Test
  void failsWhenSuppressionWouldExceedTheLimit() {
    PrivacyUnsatisfiableException e =
        assertThrows(
            PrivacyUnsatisfiableException.class,
            () ->
                new DatasetPipeline(policy("0.0"))
                    .run(people(), new TechniqueContext(Optional.of(PseudonymKey.generate()), 42)));
    assertTrue(
        e.getMessage().contains("k=3") && e.getMessage().contains("people.conf"), e.getMessage());
  }

  @Test
  void identifierLeftInOutputIsRejectedBeforeData() {
    String bad = POLICY.formatted("0.1").replace("{ type = delete, columns = [name] }", "");
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                PolicyLoader.parse(
                    new Conf(ConfigFactory.parseString(bad), new Origin("people.conf", "")),
                    hierarchies));
    assertTrue(
        e.getMessage().contains("'name'") && e.getMessage().contains("identifier"), e.getMessage());
  }

  @Test
  void publishedColumnWithoutCategoryIsRejected() {
    String bad =
        POLICY
            .formatted("0.1")
            .replace(
                "{ name = job, role = quasi-identifier, category = \"職業\" }",
                "{ name = job, role = quasi-identifier }");
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                PolicyLoader.parse(
                    new Conf(ConfigFactory.parseString(bad), new Origin("people.conf", "")),
                    hierarchies));
    assertTrue(e.getMessage().contains("dataset.columns[4].category"), e.getMessage());
  }

  @Test
  void unknownTransformAndWrongTypeNameTheKey() {
    String unknown = POLICY.formatted("0.1").replace("type = rare-values", "type = rare-valuez");
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                PolicyLoader.parse(
                    new Conf(ConfigFactory.parseString(unknown), new Origin("people.conf", "")),
                    hierarchies));
    assertTrue(
        e.getMessage()
            .startsWith("people.conf: dataset.transforms[6].type: unknown transform 'rare-valuez'"),
        e.getMessage());
    String wrongType = POLICY.formatted("0.1").replace("min-count = 3", "min-count = three");
    e =
        assertThrows(
            PolicyException.class,
            () ->
                PolicyLoader.parse(
                    new Conf(ConfigFactory.parseString(wrongType), new Origin("people.conf", "")),
                    hierarchies));
    assertTrue(
        e.getMessage()
            .startsWith("people.conf: dataset.transforms[6].min-count: must be an integer"),
        e.getMessage());
  }
}
