package io.appianon.pipeline;

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
import io.appianon.privacy.KmAnonymity;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import io.appianon.technique.PseudonymKey;
import io.appianon.technique.TechniqueContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k^m-anonymity of purchase baskets as a stage of the pipeline, configured from the policy file.
 */
class DatasetPipelineKmTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();
  private HierarchyResolver hierarchies;

  private static final String POLICY =
      """
      dataset {
        name = baskets
        input { path = "unused.csv" }
        columns = [
          { name = member, role = linking, category = "会員ID" }
          { name = region, role = quasi-identifier, category = "地域" }
          { name = item, role = attribute, category = "商品カテゴリ" }
        ]
        transforms = [
          { type = pseudonymize, columns = [member], domain = member }
        ]
        privacy {
          k = 3
          max-suppression = %s
          quasi-identifiers = [ { column = region, hierarchy = none } ]
          km-anonymity { %s }
        }
      }
      """;

  @BeforeEach
  void hierarchies() throws IOException {
    Files.writeString(tmp.resolve("items.csv"), "野菜;食品;*\n果物;食品;*\n時計;雑貨;*\n文具;雑貨;*\n");
    hierarchies = new HierarchyResolver(tmp);
  }

  private DatasetPolicy policy(String maxSuppression, String km) {
    return PolicyLoader.parse(
        new Conf(
            ConfigFactory.parseString(POLICY.formatted(maxSuppression, km)),
            new Origin("baskets.conf", "")),
        hierarchies);
  }

  /**
   * Ten members buy vegetables and fruit; m0 alone buys a watch, m1 and m2 alone buy stationery.
   */
  private Dataset<Row> baskets() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(RowFactory.create("m" + i, "関東", "野菜"));
      rows.add(RowFactory.create("m" + i, "関東", "果物"));
    }
    rows.add(RowFactory.create("m0", "関東", "時計"));
    rows.add(RowFactory.create("m1", "関東", "文具"));
    rows.add(RowFactory.create("m2", "関東", "文具"));
    StructType schema =
        new StructType()
            .add("member", DataTypes.StringType)
            .add("region", DataTypes.StringType)
            .add("item", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  private static TechniqueContext ctx() {
    return new TechniqueContext(Optional.of(PseudonymKey.generate()), 7);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> km(PipelineResult r) {
    return (Map<String, Object>)
        ((Map<String, Object>) ReportJson.toMap(r.report()).get("privacy")).get("km_anonymity");
  }

  @Test
  void generalizesItemsToTheLowestLevelWithoutViolations() {
    PipelineResult r =
        new DatasetPipeline(policy("0.0", "person = member, item = item, m = 2, hierarchy = items"))
            .run(baskets(), ctx());
    try {
      assertEquals(23, r.published(), "generalizing deletes nothing");
      assertEquals(Map.of(), r.suppressedByReason(), "and reports no record deleted for k^m");
      assertFalse(km(r).containsKey("suppressed_records"), km(r).toString());
      assertEquals(
          new TreeSet<>(List.of("食品", "雑貨")),
          new TreeSet<>(
              r.output().select("item").distinct().collectAsList().stream()
                  .map(x -> x.getString(0))
                  .toList()));
      assertEquals(1, km(r).get("level"));
      assertEquals(6L, km(r).get("violating_itemsets_before"), "{時計}, {文具} and each with 野菜 / 果物");
      assertEquals(
          0L,
          new KmAnonymity(3, 2).countViolations(r.output(), "member", "item"),
          "k^m holds on output");
      assertTrue(
          r.lineage().columns().get("item").processing().stream()
              .anyMatch(t -> t.en().contains("k^m-anonymity")),
          "the manifest says what happened to the items");
    } finally {
      r.cleanup().run();
    }
  }

  @Test
  void suppressesTheRecordsOfAMinimalItemSetAndCountsThem() {
    PipelineResult r =
        new DatasetPipeline(policy("0.2", "person = member, item = item, m = 2, remedy = suppress"))
            .run(baskets(), ctx());
    try {
      assertEquals(Map.of(DatasetPipeline.REASON_KM, 3L), r.suppressedByReason());
      assertEquals(20, r.published());
      assertEquals(20, r.output().count());
      assertEquals(r.processed(), r.published() + 3, "counts reconcile");
      assertEquals(0L, new KmAnonymity(3, 2).countViolations(r.output(), "member", "item"));
      assertEquals(2, km(r).get("suppressed_items"));
      assertEquals(3L, km(r).get("suppressed_records"));
      assertFalse(km(r).containsKey("level"), km(r).toString());
    } finally {
      r.cleanup().run();
    }
  }

  /**
   * m0 and m1 alone: even at the hierarchy's top level ({*}) each itemset is held by 2 persons,
   * fewer than k = 3, so no level of the item hierarchy satisfies k^m and the dataset is refused,
   * naming the hierarchy.
   */
  @Test
  void generalizingFailsWhenNoLevelOfTheHierarchySatisfiesKm() {
    Dataset<Row> two = baskets().where("member in ('m0', 'm1')");
    PrivacyUnsatisfiableException e =
        assertThrows(
            PrivacyUnsatisfiableException.class,
            () ->
                new DatasetPipeline(
                        policy("0.5", "person = member, item = item, m = 2, hierarchy = items"))
                    .run(two, ctx()));
    assertTrue(
        e.getMessage().startsWith("baskets.conf: ")
            && e.getMessage().contains("k^m-anonymity (k=3, m=2) of item per member")
            && e.getMessage().contains("every level of hierarchy 'items'"),
        e.getMessage());
  }

  /**
   * A share exactly at the limit is allowed: k^m deletes 3 of the 23 records at max-suppression
   * 3/23.
   */
  @Test
  void kmMayDeleteExactlyTheLimit() {
    PipelineResult r =
        new DatasetPipeline(
                policy(
                    Double.toString(3.0 / 23),
                    "person = member, item = item, m = 2, remedy = suppress"))
            .run(baskets(), ctx());
    try {
      assertEquals(Map.of(DatasetPipeline.REASON_KM, 3L), r.suppressedByReason());
      assertEquals(20, r.published());
    } finally {
      r.cleanup().run();
    }
  }

  /**
   * The 23 baskets, and m10, m11 in 九州 and m12 in 北海道 buying 野菜: 26 rows, two regions below k = 3.
   * k^m deletes the 3 records of 時計 and 文具 first; k-anonymity must then delete the 3 records of 九州
   * and 北海道, 3 of the 23 rows left (13 %). What k^m deleted counts against the same limit:
   * max-suppression 0.25 allows 6.5 of 26 rows, (6.5 - 3) / 23 = 15.2 % of the rest, enough; 0.2
   * allows 5.2, (5.2 - 3) / 23 = 9.6 %, not enough (0.2 of the rest would be).
   */
  @Test
  void recordsDeletedForKmCountAgainstTheLimitOfTheClassesBelowK() {
    List<Row> rows = new ArrayList<>(baskets().collectAsList());
    rows.add(RowFactory.create("m10", "九州", "野菜"));
    rows.add(RowFactory.create("m11", "九州", "野菜"));
    rows.add(RowFactory.create("m12", "北海道", "野菜"));
    Dataset<Row> input = spark.createDataFrame(rows, baskets().schema());
    String km = "person = member, item = item, m = 2, remedy = suppress";
    // the region at level 0 (a search would generalize it to * rather than suppress)
    java.util.function.Function<String, DatasetPolicy> fixed =
        max ->
            PolicyLoader.parse(
                new Conf(
                    ConfigFactory.parseString(
                        POLICY
                            .formatted(max, km)
                            .replace("hierarchy = none }", "hierarchy = none, level = 0 }")),
                    new Origin("baskets.conf", "")),
                hierarchies);
    PipelineResult r = new DatasetPipeline(fixed.apply("0.25")).run(input, ctx());
    try {
      assertEquals(
          Map.of(DatasetPipeline.REASON_KM, 3L, DatasetPipeline.REASON_PRIVACY, 3L),
          r.suppressedByReason());
      assertEquals(20, r.published());
      assertEquals(
          List.of("関東"),
          r.output().select("region").distinct().collectAsList().stream()
              .map(x -> x.getString(0))
              .toList());
    } finally {
      r.cleanup().run();
    }
    PrivacyUnsatisfiableException e =
        assertThrows(
            PrivacyUnsatisfiableException.class,
            () -> new DatasetPipeline(fixed.apply("0.2")).run(input, ctx()));
    assertTrue(
        e.getMessage().startsWith("baskets.conf: ") && e.getMessage().contains("k=3"),
        e.getMessage());
  }

  @Test
  void failsWhenSuppressingItemsExceedsTheLimit() {
    PrivacyUnsatisfiableException e =
        assertThrows(
            PrivacyUnsatisfiableException.class,
            () ->
                new DatasetPipeline(
                        policy("0.05", "person = member, item = item, remedy = suppress"))
                    .run(baskets(), ctx()));
    assertTrue(
        e.getMessage().startsWith("baskets.conf: ") && e.getMessage().contains("k^m-anonymity"),
        e.getMessage());
  }

  @Test
  void policyErrorsNameTheKey() {
    PolicyException e =
        assertThrows(PolicyException.class, () -> policy("0.1", "person = member, item = region"));
    assertTrue(
        e.getMessage().contains("privacy.km-anonymity.item")
            && e.getMessage().contains("quasi-identifier"),
        e.getMessage());
    e =
        assertThrows(
            PolicyException.class, () -> policy("0.1", "person = member, item = item, m = 4"));
    assertTrue(e.getMessage().contains("privacy.km-anonymity.m"), e.getMessage());
    e =
        assertThrows(
            PolicyException.class,
            () -> policy("0.1", "person = member, item = item, remedy = generalize"));
    assertTrue(e.getMessage().contains("privacy.km-anonymity.hierarchy"), e.getMessage());
    e =
        assertThrows(
            PolicyException.class,
            () -> new DatasetPipeline(policy("0.1", "person = buyer, item = item")));
    assertTrue(
        e.getMessage().contains("privacy.km-anonymity.person") && e.getMessage().contains("buyer"),
        e.getMessage());
  }
}
