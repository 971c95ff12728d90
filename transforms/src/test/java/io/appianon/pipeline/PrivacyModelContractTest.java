package io.appianon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestSpark;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.PolicyLoader;
import io.appianon.policy.PrivacyModels;
import io.appianon.technique.PseudonymKey;
import io.appianon.technique.TechniqueContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The contract of every model in the {@link PrivacyModels} catalogue: declared in a policy beside k
 * = 2 on a tiny table that is already 2-anonymous, each model suppresses exactly the rows worked
 * out here by hand, and counts them. A model registered without an entry in {@link #CASES} fails
 * {@link #everyRegisteredModelHasACase}.
 *
 * <p>The table: 関東 has seven members (flu ×4, cold ×3), 関西 two (cancer ×2); everyone bought 野菜
 * except n = 8, who alone bought a 時計.
 */
class PrivacyModelContractTest {

  private static final String POLICY =
      """
      dataset {
        name = contract
        input { path = "unused.csv" }
        columns = [
          { name = n, type = int, role = attribute, category = "番号" }
          { name = member, role = linking, category = "会員ID" }
          { name = region, role = quasi-identifier, category = "地域" }
          { name = disease, role = sensitive, category = "病名" }
          { name = item, role = attribute, category = "商品" }
        ]
        transforms = [ { type = pseudonymize, columns = [member], domain = member } ]
        privacy {
          k = 2
          max-suppression = 0.3
          quasi-identifiers = [ { column = region, hierarchy = none, level = 0 } ]
          %s
        }
      }
      """;

  /**
   * A model's block and the rows ({@code n}) it must suppress, with the reason they are counted
   * under.
   */
  private record Case(String block, List<Integer> suppressed, String reason) {}

  private static final Map<String, Case> CASES =
      new TreeMap<>(
          Map.of(
              // 関西 has one distinct disease: not 2-diverse, so its two rows go
              "l-diversity",
                  new Case(
                      "l-diversity { column = disease, l = 2 }",
                      List.of(6, 7),
                      DatasetPipeline.REASON_PRIVACY),
              // whole: flu 4/9, cold 3/9, cancer 2/9; 関東 is 0.22 away (equal distance), 関西 (all
              // cancer) 0.78 > 0.3
              "t-closeness",
                  new Case(
                      "t-closeness { column = disease, t = 0.3 }",
                      List.of(6, 7),
                      DatasetPipeline.REASON_PRIVACY),
              // with k = 2 and m = 1 the item set {時計} of one person is too rare: its record goes
              "km-anonymity",
                  new Case(
                      "km-anonymity { person = member, item = item, m = 1, remedy = suppress }",
                      List.of(8),
                      DatasetPipeline.REASON_KM)));

  @Test
  void everyRegisteredModelHasACase() {
    assertEquals(
        new TreeSet<>(PrivacyModels.keys()),
        CASES.keySet(),
        "every model in PrivacyModels needs a case in PrivacyModelContractTest (and no case without a model)");
  }

  @Test
  void everyModelSuppressesTheRowsItMust() {
    HierarchyResolver hierarchies = new HierarchyResolver(Path.of("target", "no-hierarchies"));
    for (Map.Entry<String, Case> e : CASES.entrySet()) {
      Case c = e.getValue();
      PipelineResult r =
          new DatasetPipeline(
                  PolicyLoader.parse(
                      new Conf(
                          ConfigFactory.parseString(POLICY.formatted(c.block())),
                          new Origin("contract.conf", "")),
                      hierarchies))
              .run(table(), new TechniqueContext(Optional.of(PseudonymKey.generate()), 3));
      try {
        TreeSet<Integer> published = new TreeSet<>();
        r.output().select("n").collectAsList().forEach(row -> published.add(row.getInt(0)));
        TreeSet<Integer> expected = new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
        expected.removeAll(c.suppressed());
        assertEquals(expected, published, e.getKey() + ": the published rows");
        assertEquals(
            Map.of(c.reason(), (long) c.suppressed().size()), r.suppressedByReason(), e.getKey());
      } finally {
        r.cleanup().run();
      }
    }
  }

  private static Dataset<Row> table() {
    String[] diseases = {"flu", "cold", "flu", "cold", "flu", "cold", "cancer", "cancer", "flu"};
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < diseases.length; n++) {
      rows.add(
          RowFactory.create(
              n, "m" + n, n == 6 || n == 7 ? "関西" : "関東", diseases[n], n == 8 ? "時計" : "野菜"));
    }
    StructType schema =
        new StructType()
            .add("n", DataTypes.IntegerType)
            .add("member", DataTypes.StringType)
            .add("region", DataTypes.StringType)
            .add("disease", DataTypes.StringType)
            .add("item", DataTypes.StringType);
    return TestSpark.session().createDataFrame(rows, schema);
  }
}
