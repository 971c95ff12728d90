package io.appianon.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestSpark;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyLoader;
import io.appianon.technique.PseudonymKey;
import io.appianon.technique.TechniqueContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records deleted by a rule (test accounts) are not published, so they must not count towards a
 * value's frequency, fill a micro-aggregation group, or be a swap partner of a published record.
 */
class DeletedRecordsTakeNoPartTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();

  private static final String POLICY =
      """
      dataset {
        name = staff
        input { path = "unused.csv" }
        columns = [
          { name = id, role = linking, category = "ID" }
          { name = kind, role = attribute, category = "区分" }
          { name = job, role = quasi-identifier, category = "職業" }
          { name = amount, type = long, role = attribute, category = "金額" }
          { name = shop, role = attribute, category = "店舗" }
        ]
        transforms = [
          { type = delete-records, where = "kind = 'test'", reason = "test-account" }
          { type = pseudonymize, columns = [id], domain = member }
          { type = rare-values, column = job, min-count = 3, replacement = "その他" }
          { type = micro-aggregate, columns = [amount], k = 3 }
          { type = swap, columns = [shop], seed = 3 }
        ]
        privacy {
          k = 2
          quasi-identifiers = [ { column = job, hierarchy = none, level = 0 } ]
        }
      }
      """;

  @Test
  void rareValuesMicroAggregationAndSwapSeeOnlyPublishedRecords() {
    DatasetPolicy policy =
        PolicyLoader.parse(
            new Conf(ConfigFactory.parseString(POLICY), new Origin("staff.conf", "")),
            new HierarchyResolver(tmp));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(RowFactory.create("m" + i, "member", "会社員", 100L * (i + 1), "新宿店"));
    }
    rows.add(RowFactory.create("f1", "member", "漁師", 700L, "新宿店"));
    rows.add(RowFactory.create("f2", "member", "漁師", 800L, "新宿店"));
    // two test accounts with the rare job, a huge amount and a shop no member used: all three must
    // vanish
    rows.add(RowFactory.create("t1", "test", "漁師", 1_000_000L, "テスト店"));
    rows.add(RowFactory.create("t2", "test", "漁師", 1_000_000L, "テスト店"));
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("job", DataTypes.StringType)
            .add("amount", DataTypes.LongType)
            .add("shop", DataTypes.StringType);

    PipelineResult r =
        new DatasetPipeline(policy)
            .run(
                spark.createDataFrame(rows, schema),
                new TechniqueContext(Optional.of(PseudonymKey.generate()), 11));
    try {
      Dataset<Row> out = r.output();
      assertEquals(Map.of("test-account", 2L), r.suppressedByReason());
      assertTrue(r.privacySuppressed().isEmpty(), "k = 2 suppressed no class");
      assertEquals(8, out.count());
      assertEquals(
          0,
          out.where(col("job").equalTo("漁師")).count(),
          "two published fishermen are below min-count 3; the deleted test accounts must not lift them above it");
      assertEquals(2, out.where(col("job").equalTo("その他")).count());
      long top = out.agg(max("amount")).first().getLong(0);
      assertTrue(top <= 800, "no group mean includes a deleted 1,000,000 yen record: max " + top);
      assertEquals(
          0,
          out.where(col("shop").equalTo("テスト店")).count(),
          "no value swapped in from a deleted record");
    } finally {
      r.cleanup().run();
    }
  }

  /**
   * Two rules: t1 is a test account over the amount limit (both match), t2 a test account, o1 a
   * member over the limit. Each deleted row is counted once, under the first rule it matched, and
   * none of their values is in the files written.
   */
  @Test
  void aRowMatchingTwoRulesIsCountedOnceUnderTheFirstAndNoDeletedValueIsWritten() {
    String twoRules =
        POLICY.replace(
            "reason = \"test-account\" }",
            "reason = \"test-account\" }\n"
                + "    { type = delete-records, where = \"amount >= 1000000\", reason = outlier }");
    DatasetPolicy policy =
        PolicyLoader.parse(
            new Conf(ConfigFactory.parseString(twoRules), new Origin("staff.conf", "")),
            new HierarchyResolver(tmp));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(RowFactory.create("m" + i, "member", "会社員", 100L * (i + 1), "新宿店"));
    }
    rows.add(RowFactory.create("t1", "test", "漁師", 1_000_000L, "テスト店"));
    rows.add(RowFactory.create("t2", "test", "漁師", 50L, "テスト店"));
    rows.add(RowFactory.create("o1", "member", "会社員", 2_000_000L, "梅田店"));
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("job", DataTypes.StringType)
            .add("amount", DataTypes.LongType)
            .add("shop", DataTypes.StringType);
    PipelineResult r =
        new DatasetPipeline(policy)
            .run(
                spark.createDataFrame(rows, schema),
                new TechniqueContext(Optional.of(PseudonymKey.generate()), 11));
    try {
      assertEquals(Map.of("test-account", 2L, "outlier", 1L), r.suppressedByReason());
      assertEquals(9, r.processed());
      assertEquals(6, r.published());
      String dir = tmp.resolve("two-rules").toString();
      r.output().write().parquet(dir);
      Dataset<Row> written = spark.read().parquet(dir);
      assertEquals(6, written.count());
      assertEquals(
          0,
          written
              .where(
                  col("job")
                      .notEqual("会社員")
                      .or(col("shop").notEqual("新宿店"))
                      .or(col("amount").gt(600)))
              .count(),
          "no job, shop or amount of a deleted row");
    } finally {
      r.cleanup().run();
    }
  }
}
