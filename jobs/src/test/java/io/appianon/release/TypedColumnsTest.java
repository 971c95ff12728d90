package io.appianon.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyLoader;
import io.appianon.verify.ModelCheck;
import io.appianon.verify.ReleaseVerifier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The companions computed from band and period labels, on the labels the bundled policies and
 * hierarchies write.
 */
class TypedColumnsTest {
  private final SparkSession spark = TestSpark.session();

  private static DatasetPolicy purchases() {
    return PolicyLoader.load(
        TestProject.root().resolve("conf/policies/purchases.conf"),
        new HierarchyResolver(TestProject.sampleData().resolve("hierarchies")));
  }

  private Dataset<Row> labels(String... rows) {
    StructType schema =
        new StructType()
            .add("purchase_month", DataTypes.StringType)
            .add("quantity", DataTypes.StringType)
            .add("amount_band", DataTypes.StringType);
    List<Row> out = new ArrayList<>();
    for (String r : rows) {
      String[] v = r.split("\\|", -1);
      out.add(
          RowFactory.create(
              v[0].equals("null") ? null : v[0],
              v[1].equals("null") ? null : v[1],
              v[2].equals("null") ? null : v[2]));
    }
    return spark.createDataFrame(out, schema);
  }

  @Test
  void bandsGetNumericBoundsAndPeriodsGetDates() {
    Dataset<Row> typed =
        TypedColumns.add(
            purchases(),
            labels(
                "2026-03|7|1000-2999",
                "2026-Q1|10+|100000+",
                "2026-H2|*|<500",
                "2026|null|*",
                "*|1|0-499"));
    assertEquals(
        List.of(
            "purchase_month",
            "purchase_month_from",
            "purchase_month_to",
            "quantity",
            "quantity_from",
            "quantity_to",
            "quantity_top_coded",
            "amount_band",
            "amount_band_from",
            "amount_band_to"),
        Arrays.asList(typed.columns()));
    assertEquals(DataTypes.DateType, typed.schema().apply("purchase_month_from").dataType());
    assertEquals(DataTypes.LongType, typed.schema().apply("quantity_from").dataType());
    assertEquals(DataTypes.BooleanType, typed.schema().apply("quantity_top_coded").dataType());
    List<Row> r = typed.collectAsList();
    assertEquals(List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)), dates(r.get(0)));
    assertEquals(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)), dates(r.get(1)));
    assertEquals(List.of(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31)), dates(r.get(2)));
    assertEquals(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), dates(r.get(3)));
    assertEquals(Arrays.asList(null, null), dates(r.get(4)), "a suppressed month has no dates");
    assertEquals(Arrays.asList(7L, 7L, false, 1000L, 2999L), numbers(r.get(0)));
    assertEquals(Arrays.asList(10L, null, true, 100000L, null), numbers(r.get(1)));
    assertEquals(Arrays.asList(null, null, null, null, 499L), numbers(r.get(2)));
    assertEquals(Arrays.asList(null, null, null, null, null), numbers(r.get(3)));
  }

  /**
   * The verifier's check that companions are functions of the label: holds on computed ones, fails
   * on a forged one.
   */
  @Test
  void theVerifierRefusesCompanionsThatCarryMoreThanTheLabel() {
    Dataset<Row> typed =
        TypedColumns.add(purchases(), labels("2026-03|7|0-499", "2026-03|7|0-499", "2026-04|2|*"));
    List<ModelCheck> ok =
        ReleaseVerifier.typedCompanions(typed, new LinkedHashSet<>(Arrays.asList(typed.columns())));
    assertEquals(3, ok.size());
    assertTrue(ok.stream().allMatch(ModelCheck::holds), ok.toString());
    // the exact quantity leaking through a companion: label "7" with two different _from values
    Dataset<Row> forged =
        typed.withColumn(
            "quantity_from", org.apache.spark.sql.functions.monotonically_increasing_id());
    List<ModelCheck> bad =
        ReleaseVerifier.typedCompanions(
            forged, new LinkedHashSet<>(Arrays.asList(forged.columns())));
    ModelCheck q =
        bad.stream()
            .filter(c -> c.requirement().contains("value of quantity"))
            .findFirst()
            .orElseThrow();
    assertEquals(false, q.holds());
    assertEquals(2, q.violatingRecords());
  }

  private static List<LocalDate> dates(Row r) {
    return Arrays.asList(date(r.get(1)), date(r.get(2)));
  }

  private static LocalDate date(Object o) {
    return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
  }

  private static List<Object> numbers(Row r) {
    return Arrays.asList(
        r.isNullAt(4) ? null : r.getLong(4),
        r.isNullAt(5) ? null : r.getLong(5),
        r.isNullAt(6) ? null : r.getBoolean(6),
        r.isNullAt(8) ? null : r.getLong(8),
        r.isNullAt(9) ? null : r.getLong(9));
  }
}
