package io.appianon.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release-level person stage's two remedies as {@link DatasetPipeline#finish} applies them: the
 * rows of dropped persons and of removed (person, item) pairs leave before the dataset's own
 * k-anonymity, are counted under their reasons, and what the k-anonymity stage then suppresses is
 * counted on the rows left.
 */
class DatasetPipelineDropTest {
  @TempDir Path tmp;
  private final SparkSession spark = TestSpark.session();

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
          k = 2
          max-suppression = 0.5
          quasi-identifiers = [ { column = region, hierarchy = none, level = 0 } ]
        }
      }
      """;

  private DatasetPolicy policy() {
    return policy(POLICY);
  }

  private DatasetPolicy policy(String hocon) {
    return PolicyLoader.parse(
        new Conf(ConfigFactory.parseString(hocon), new Origin("baskets.conf", "")),
        new HierarchyResolver(tmp));
  }

  /**
   * Eight rows: 関東 m0 (野菜, 時計), m1 野菜, m2 果物; 九州 m3 (野菜, 文具), m4 果物; 北海道 m5 野菜. At k = 2 on the
   * region alone, only 北海道 (1 row) is below k.
   */
  private Dataset<Row> baskets() {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("m0", "関東", "野菜"));
    rows.add(RowFactory.create("m0", "関東", "時計"));
    rows.add(RowFactory.create("m1", "関東", "野菜"));
    rows.add(RowFactory.create("m2", "関東", "果物"));
    rows.add(RowFactory.create("m3", "九州", "野菜"));
    rows.add(RowFactory.create("m3", "九州", "文具"));
    rows.add(RowFactory.create("m4", "九州", "果物"));
    rows.add(RowFactory.create("m5", "北海道", "野菜"));
    StructType schema =
        new StructType()
            .add("member", DataTypes.StringType)
            .add("region", DataTypes.StringType)
            .add("item", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * The pseudonym of the one member who bought {@code item} (the kept rows carry pseudonyms, not
   * member ids).
   */
  private static String pseudonymOfBuyer(DatasetPipeline.Processed p, String item) {
    List<Row> r = p.kept().where(col("item").equalTo(item)).select("member").collectAsList();
    assertEquals(1, r.size(), item);
    return r.get(0).getString(0);
  }

  private Dataset<Row> persons(String... pseudonyms) {
    List<Row> rows = new ArrayList<>();
    for (String s : pseudonyms) {
      rows.add(RowFactory.create(s));
    }
    return spark.createDataFrame(rows, new StructType().add("person", DataTypes.StringType));
  }

  private Dataset<Row> pairs(String[]... personItem) {
    List<Row> rows = new ArrayList<>();
    for (String[] pi : personItem) {
      rows.add(RowFactory.create(pi[0], pi[1]));
    }
    return spark.createDataFrame(
        rows,
        new StructType().add("person", DataTypes.StringType).add("item", DataTypes.StringType));
  }

  /** The published rows as region/item, read back from the Parquet files they are written to. */
  private List<String> publishedViaParquet(PipelineResult r, String name) {
    String dir = tmp.resolve(name).toString();
    r.output().write().parquet(dir);
    return spark.read().parquet(dir).collectAsList().stream()
        .map(x -> x.getAs("region") + "/" + x.getAs("item"))
        .sorted()
        .toList();
  }

  @Test
  void droppedPersonsAndRemovedItemsLeaveBeforeKAnonymityAndAreCountedUnderTheirReasons() {
    Set<Integer> cachedBefore = TestSpark.persisted();
    TechniqueContext ctx = new TechniqueContext(Optional.of(PseudonymKey.generate()), 11);
    DatasetPipeline pipeline = new DatasetPipeline(policy());
    DatasetPipeline.Processed p =
        pipeline.process(pipeline.prepare(baskets(), ctx, null, List.of()), ctx, false);
    try {
      assertEquals(8, p.keptRows());
      String m0 = pseudonymOfBuyer(p, "時計");
      String m1 =
          p.kept()
              .where(
                  col("member")
                      .notEqual(m0)
                      .and(col("item").equalTo("野菜"))
                      .and(col("region").equalTo("関東")))
              .select("member")
              .first()
              .getString(0);
      String m3 = pseudonymOfBuyer(p, "文具");

      // m3 dropped (2 rows); m0's 時計 removed (1 row), while (m0, 文具) and (m1, 時計) match no row.
      // Then 九州 keeps only m4's row and 北海道 m5's: both below k = 2, suppressed by the dataset's own
      // model (2 of the 5 rows left).
      PipelineResult r =
          pipeline.finish(
              p,
              ctx,
              Optional.of(
                  new DatasetPipeline.PersonDrop(
                      "member", persons(m3, "no-such-person"), "person")),
              Optional.of(
                  new DatasetPipeline.ItemDrop(
                      "member",
                      col("item"),
                      pairs(
                          new String[] {m0, "時計"},
                          new String[] {m0, "文具"},
                          new String[] {m1, "時計"}),
                      "person",
                      "item")),
              Optional.empty(),
              Set.of());
      assertEquals(
          Map.of(
              DatasetPipeline.REASON_PERSON,
              2L,
              DatasetPipeline.REASON_RARE_ITEM,
              1L,
              DatasetPipeline.REASON_PRIVACY,
              2L),
          r.suppressedByReason());
      assertEquals(8, r.processed());
      assertEquals(3, r.published());
      assertEquals(List.of("関東/果物", "関東/野菜", "関東/野菜"), publishedViaParquet(r, "dropped"));

      // The same processed rows again, with drops that match nothing: no reason of theirs is
      // reported, and only 北海道 is below k (九州 has m3's two rows and m4's).
      PipelineResult none =
          pipeline.finish(
              p,
              ctx,
              Optional.of(
                  new DatasetPipeline.PersonDrop("member", persons("no-such-person"), "person")),
              Optional.of(
                  new DatasetPipeline.ItemDrop(
                      "member", col("item"), pairs(new String[] {m3, "時計"}), "person", "item")),
              Optional.empty(),
              Set.of());
      assertEquals(Map.of(DatasetPipeline.REASON_PRIVACY, 1L), none.suppressedByReason());
      assertEquals(7, none.published());
      assertEquals(
          List.of("九州/文具", "九州/果物", "九州/野菜", "関東/時計", "関東/果物", "関東/野菜", "関東/野菜"),
          publishedViaParquet(none, "nothing-dropped"));

      // An item key over the columns (as the person stage builds it for a generalized item): the
      // pair matches on it.
      PipelineResult keyed =
          pipeline.finish(
              p,
              ctx,
              Optional.empty(),
              Optional.of(
                  new DatasetPipeline.ItemDrop(
                      "member", lit("*"), pairs(new String[] {m0, "*"}), "person", "item")),
              Optional.empty(),
              Set.of());
      assertEquals(
          Map.of(DatasetPipeline.REASON_RARE_ITEM, 2L, DatasetPipeline.REASON_PRIVACY, 1L),
          keyed.suppressedByReason());
      assertEquals(5, keyed.published());

      // Persons alone: m3's two rows go, then 九州 (m4) and 北海道 (m5) are below k.
      PipelineResult persons =
          pipeline.finish(
              p,
              ctx,
              Optional.of(new DatasetPipeline.PersonDrop("member", persons(m3), "person")),
              Optional.empty(),
              Set.of());
      assertEquals(
          Map.of(DatasetPipeline.REASON_PERSON, 2L, DatasetPipeline.REASON_PRIVACY, 2L),
          persons.suppressedByReason());
      assertEquals(
          List.of("関東/時計", "関東/果物", "関東/野菜", "関東/野菜"),
          publishedViaParquet(persons, "persons-only"));

      // Each call released the rows the one before it cached; the last result's cleanup frees its
      // own and the processed rows' cache: nothing stays cached.
      assertEquals(
          2,
          TestSpark.persistedSince(cachedBefore).size(),
          "the processed rows and the last call's rows");
      persons.cleanup().run();
      assertEquals(Set.of(), TestSpark.persistedSince(cachedBefore));
    } finally {
      p.cleanup().run();
    }
  }

  /**
   * The floor of the release's person stage: the policy's fixed levels, else the search's optimum
   * on the processed rows (region at level 0: suppressing 北海道's one row of 8 is within 0.5), and
   * nothing for a policy without a privacy block.
   */
  @Test
  void ownLevelsAreThePolicysFixedLevelsOrTheSearchsOptimum() {
    TechniqueContext ctx = new TechniqueContext(Optional.of(PseudonymKey.generate()), 11);
    DatasetPipeline pipeline = new DatasetPipeline(policy());
    DatasetPipeline.Processed p =
        pipeline.process(pipeline.prepare(baskets(), ctx, null, List.of()), ctx, false);
    try {
      assertEquals(Map.of("region", 0), pipeline.ownLevels(p));
      assertEquals(
          Map.of("region", 1),
          new DatasetPipeline(policy(POLICY.replace("level = 0", "level = 1"))).ownLevels(p));
      assertEquals(
          Map.of("region", 0),
          new DatasetPipeline(policy(POLICY.replace(", level = 0", ""))).ownLevels(p),
          "searched");
      String noPrivacy = POLICY.substring(0, POLICY.indexOf("  privacy {")) + "}\n";
      DatasetPolicy pseudonymous =
          PolicyLoader.parse(
              new Conf(
                  ConfigFactory.parseString(noPrivacy.replace("quasi-identifier", "attribute")),
                  new Origin("baskets.conf", "")),
              new HierarchyResolver(tmp),
              true);
      assertEquals(Map.of(), new DatasetPipeline(pseudonymous).ownLevels(p));
    } finally {
      p.cleanup().run();
    }
  }
}
