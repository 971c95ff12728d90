package io.appianon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.appianon.TestSpark;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.PolicyException;
import io.appianon.core.ReportJson;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.pipeline.DatasetPipeline;
import io.appianon.pipeline.PipelineResult;
import io.appianon.privacy.EquivalenceClass;
import io.appianon.privacy.PrivacyModel;
import io.appianon.privacy.SensitiveContext;
import io.appianon.technique.TechniqueContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A privacy model is one class and one line in {@link PrivacyModels}: parsed at load time, planned
 * and run.
 */
class PrivacyModelCatalogueTest {
  private static final String POLICY =
      """
      dataset {
        name = shop
        input { path = "unused.csv" }
        columns = [
          { name = pref, role = quasi-identifier, category = "都道府県" }
          { name = amount, type = long, role = attribute, category = "金額" }
        ]
        privacy {
          k = 2
          max-suppression = 0.5
          quasi-identifiers = [ { column = pref, hierarchy = none, level = 0 } ]
          %s
        }
      }
      """;

  /**
   * The test's model: every class of at least {@code size} records (a stricter k), on a column it
   * names.
   */
  record MinClassSize(int size, String column, Origin origin) implements ModelSpec {
    static MinClassSize parse(Conf block, PrivacyModels.Context context) {
      int size = block.integer("size");
      if (size <= context.k()) {
        throw block.error(
            "size", "invalid value " + size + " (must be above k = " + context.k() + ")");
      }
      return new MinClassSize(size, block.string("column"), block.origin());
    }

    @Override
    public List<ColumnNeed> needs() {
      return List.of(new ColumnNeed(column, origin, "column", false));
    }

    @Override
    public Optional<PrivacyModel> classModel() {
      return Optional.of(new AtLeast(size));
    }
  }

  record AtLeast(int size) implements PrivacyModel {
    @Override
    public boolean isSatisfied(EquivalenceClass ec, SensitiveContext context) {
      return ec.count() >= size;
    }

    @Override
    public boolean isMonotonic() {
      return true;
    }

    @Override
    public boolean usesSensitive() {
      return false;
    }

    @Override
    public String describe() {
      return "classes of at least " + size;
    }
  }

  private static DatasetPolicy load(String modelBlock) {
    return PolicyLoader.parse(
        new Conf(
            ConfigFactory.parseString(POLICY.formatted(modelBlock)), new Origin("shop.conf", "")),
        new HierarchyResolver(Path.of("target", "no-hierarchies")));
  }

  private static Dataset<Row> sales() {
    List<Row> rows = new ArrayList<>();
    String[] prefs = {"A", "A", "A", "A", "A", "B", "B", "B", "C", "C"};
    for (int i = 0; i < prefs.length; i++) {
      rows.add(RowFactory.create(prefs[i], 100L * i));
    }
    StructType schema =
        new StructType().add("pref", DataTypes.StringType).add("amount", DataTypes.LongType);
    return TestSpark.session().createDataFrame(rows, schema);
  }

  @Test
  void aRegisteredModelIsParsedAtLoadTimeAndRunByThePipeline() {
    PrivacyModels.register("min-class-size", MinClassSize::parse);
    try {
      DatasetPolicy policy = load("min-class-size { size = 4, column = pref }");
      assertEquals(
          List.of(
              new MinClassSize(
                  4, "pref", new Origin("shop.conf", "dataset.privacy.min-class-size"))),
          policy.privacy().models());
      PolicyException e =
          assertThrows(
              PolicyException.class, () -> load("min-class-size { size = 2, column = pref }"));
      assertEquals(
          "shop.conf: dataset.privacy.min-class-size.size: invalid value 2 (must be above k = 2)",
          e.getMessage());

      PipelineResult r =
          new DatasetPipeline(policy).run(sales(), new TechniqueContext(Optional.empty(), 42));
      try {
        // k = 2 alone keeps all 10 records; classes of at least 4 keep only A's 5 (B's 3 and C's 2
        // suppressed)
        assertEquals(5, r.output().count());
        assertEquals(5, r.output().where("pref = 'A'").count());
        Map<?, ?> privacy = (Map<?, ?>) ReportJson.toMap(r.report()).get("privacy");
        assertEquals(List.of("k-anonymity (k=2)", "classes of at least 4"), privacy.get("models"));
      } finally {
        r.cleanup().run();
      }
    } finally {
      PrivacyModels.unregister("min-class-size");
    }
  }

  @Test
  void aRegisteredModelsColumnsAreCheckedBeforeAnyDataIsRead() {
    PrivacyModels.register("min-class-size", MinClassSize::parse);
    try {
      PolicyException e =
          assertThrows(
              PolicyException.class, () -> load("min-class-size { size = 4, column = city }"));
      assertEquals(
          "shop.conf: dataset.privacy.min-class-size.column: unknown column 'city' (columns at this point:"
              + " pref, amount)",
          e.getMessage());
    } finally {
      PrivacyModels.unregister("min-class-size");
    }
  }

  @Test
  void aModelBlockOutsideTheCatalogueIsRefusedNamingWhatIsAllowed() {
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> load("min-class-size { size = 4, column = pref }"));
    assertEquals(
        "shop.conf: dataset.privacy.min-class-size: unknown key (allowed here: compare-local-recoding, k,"
            + " km-anonymity, l-diversity, max-suppression, objective, quasi-identifiers, t-closeness)",
        e.getMessage());
    assertEquals(
        List.of("l-diversity", "t-closeness", "km-anonymity"), List.copyOf(PrivacyModels.keys()));
  }
}
