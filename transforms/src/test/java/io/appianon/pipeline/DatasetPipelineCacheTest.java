package io.appianon.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestSpark;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.ReportJson;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyLoader;
import io.appianon.technique.PseudonymKey;
import io.appianon.technique.Schemas;
import io.appianon.technique.TechniqueContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the pipeline caches: the leading row-wise steps run while rows are read, before the
 * caller's one cache; the steps after them are recomputed from it when they are cheap and row-wise
 * or fitted, and cached again otherwise.
 */
class DatasetPipelineCacheTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();

  private static final String POLICY =
      """
      dataset {
        name = orders
        input { path = "unused.csv" }
        columns = [
          { name = id, role = linking, category = "会員ID" }
          { name = shop, role = quasi-identifier, category = "店舗" }
          { name = address, role = identifier, category = "住所" }
          { name = amount, type = long, role = attribute, category = "金額" }
        ]
        transforms = [
          { type = pseudonymize, columns = [id], domain = member }
          %s
          { type = top-bottom-code, column = amount, upper-quantile = 0.9 }
          { type = interval, column = amount, output = amount_band, bounds = [0, 1000, 5000], category = "金額帯" }
          { type = address-to-prefecture, column = address, output = pref, category = "都道府県" }
          %s
        ]
        privacy {
          k = 2
          max-suppression = 0.5
          quasi-identifiers = [
            { column = shop, hierarchy = none, level = 0 }
            { column = pref, hierarchy = none, level = 0 }
          ]
        }
      }
      """;

  private DatasetPolicy policy(String before, String after) {
    return PolicyLoader.parse(
        new Conf(
            ConfigFactory.parseString(POLICY.formatted(before, after)),
            new Origin("orders.conf", "")),
        new HierarchyResolver(tmp));
  }

  @Test
  void cachesAfterTheLeadingRowWiseStepsAndAgainOnlyForCostlyOrGlobalOnes() {
    Plan fitted = new DatasetPipeline(policy("", "")).plan();
    assertEquals(
        1, fitted.cachedSteps(), "pseudonymize runs before the cache; the quantile needs the data");
    assertFalse(
        fitted.cacheAgain(), "a fitted quantile and row-wise steps are recomputed from the cache");

    Plan rowWise =
        new DatasetPipeline(
                policy("{ type = delete-records, where = \"shop = 'x'\", reason = test }", ""))
            .plan();
    assertEquals(2, rowWise.cachedSteps(), "a deterministic record rule is row-wise");

    Plan random =
        new DatasetPipeline(
                policy("{ type = delete-records, where = \"rand() < 0.1\", reason = sample }", ""))
            .plan();
    assertEquals(1, random.cachedSteps(), "a rule with rand() is not row-wise");
    assertTrue(
        random.cacheAgain(), "and would give other answers if recomputed, so its output is cached");

    Plan noise =
        new DatasetPipeline(
                policy(
                    "{ type = noise, columns = [amount], distribution = laplace, scale = 10 }", ""))
            .plan();
    assertTrue(noise.cacheAgain(), "random noise is cached after the last step");

    assertTrue(Schemas.deterministic("age > 80 AND shop IN ('a', 'b')"));
    assertFalse(Schemas.deterministic("upper(shop) = 'A' OR RAND(7) < 0.5"));
    assertFalse(Schemas.deterministic("uuid() IS NOT NULL"));
  }

  private Dataset<Row> rows() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.StringType)
            .add("shop", DataTypes.StringType)
            .add("address", DataTypes.StringType)
            .add("amount", DataTypes.LongType)
            .add("reason", DataTypes.StringType)
            .add("raw", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    String[] addresses = {"東京都新宿区西新宿2-8-1", "大阪府大阪市北区梅田1-1-1"};
    for (int i = 0; i < 20; i++) {
      rows.add(
          RowFactory.create("M" + i, "shop" + i % 2, addresses[i % 2], 100L * (i + 1), null, null));
    }
    // Rejected by validation (say, a bad date elsewhere in the row): its huge amount must not move
    // the quantile.
    rows.add(
        RowFactory.create(
            "M98",
            "shop0",
            addresses[0],
            9_999_999L,
            "purchased_at: not a valid timestamp",
            "M98,shop0,...,9999999"));
    rows.add(RowFactory.create(null, null, null, null, "malformed record", "M99;;;"));
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void preparedAndCachedByTheCallerGivesWhatRunGivesAndRejectedRowsTakeNoPart() {
    DatasetPolicy policy = policy("", "");
    PseudonymKey key = PseudonymKey.generate();
    DatasetPipeline pipeline = new DatasetPipeline(policy);
    Dataset<Row> prepared =
        pipeline
            .prepare(
                rows(),
                new TechniqueContext(Optional.of(key), 7),
                "reason",
                List.of("reason", "raw"))
            .persist(StorageLevel.MEMORY_ONLY());
    try {
      assertEquals(
          List.of("id", "shop", "address", "amount", "reason", "raw"),
          List.of(prepared.columns()),
          "the policy's input columns (id pseudonymized), then the caller's carried ones");
      Dataset<Row> rejected = prepared.where(col("reason").isNotNull());
      assertEquals(2, rejected.count());
      assertEquals(
          2,
          rejected
              .where(
                  col("id")
                      .isNull()
                      .and(col("amount").isNull())
                      .and(col("shop").isNull())
                      .and(col("raw").isNotNull()))
              .count(),
          "rejected rows keep what was read, and nothing else");

      TechniqueContext ctx = new TechniqueContext(Optional.of(key), 7);
      Set<Integer> cached = TestSpark.persisted();
      PipelineResult r =
          pipeline.runPrepared(
              prepared.where(col("reason").isNull()).drop("reason", "raw"), ctx, true);
      assertTrue(r.readsInput(), "the steps after the cache are computed from it, so it must stay");
      assertEquals(
          Set.of(), TestSpark.persistedSince(cached), "and the pipeline caches nothing of its own");
      TechniqueContext ctx2 = new TechniqueContext(Optional.of(key), 7);
      PipelineResult whole =
          new DatasetPipeline(policy).run(rows().where(col("reason").isNull()), ctx2);
      try {
        assertFalse(whole.readsInput());
        assertEquals(
            1, TestSpark.persistedSince(cached).size(), "run caches the rows after the techniques");
        assertEquals(20, r.processed());
        assertEquals(whole.published(), r.published());
        assertEquals(sorted(whole.output()), sorted(r.output()));
        Object threshold = threshold(ReportJson.toMap(r.report()));
        assertEquals(threshold(ReportJson.toMap(whole.report())), threshold);
        assertTrue(
            ((Number) threshold).doubleValue() <= 2000,
            "90th percentile of 100..2000, not 9,999,999: " + threshold);
      } finally {
        whole.cleanup().run();
        r.cleanup().run();
      }
      assertEquals(
          Set.of(),
          TestSpark.persistedSince(cached),
          "each result's cleanup frees the cache it made");
    } finally {
      prepared.unpersist();
    }
  }

  private static Object threshold(Map<String, Object> report) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> t = (List<Map<String, Object>>) report.get("techniques");
    return t.stream()
        .filter(m -> "upper_threshold".equals(m.get("metric")))
        .findFirst()
        .orElseThrow()
        .get("value");
  }

  private static List<String> sorted(Dataset<Row> out) {
    return out.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
