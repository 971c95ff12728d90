package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appianon.TestSpark;
import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The rows of a dataset in the classes a privacy stage suppressed, found among rows at level 0: the
 * set lookup on the original values that narrows them first must keep exactly the rows whose
 * generalized values are a suppressed class's labels (unknown values go to the root, nulls stay
 * null).
 */
class SuppressedClassesTest {
  private static final Hierarchy STORE =
      Hierarchy.of(
          "store",
          List.of(
              List.of("新宿店", "東京都", "関東", "*"),
              List.of("池袋店", "東京都", "関東", "*"),
              List.of("横浜店", "神奈川県", "関東", "*"),
              List.of("梅田店", "大阪府", "近畿", "*")));
  private static final Hierarchy MONTH =
      Hierarchy.of(
          "month",
          List.of(
              List.of("2026-01", "2026-Q1", "*"),
              List.of("2026-02", "2026-Q1", "*"),
              List.of("2026-04", "2026-Q2", "*")));
  private static final List<QuasiIdentifier> QIS =
      List.of(QuasiIdentifier.of("store", STORE), QuasiIdentifier.of("month", MONTH));

  private static Dataset<Row> visits() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("store", DataTypes.StringType)
            .add("month", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    Object[][] data = {
      {1, "新宿店", "2026-01"},
      {2, "池袋店", "2026-02"},
      {3, "横浜店", "2026-01"},
      {4, "梅田店", "2026-04"},
      {5, "札幌店", "2026-01"}, // unknown store: the root at every level above 0
      {6, null, "2026-02"},
      {7, "新宿店", null},
      {8, "新宿店", "2026-04"},
      {9, "札幌店", "2026-04"},
    };
    for (Object[] d : data) {
      rows.add(RowFactory.create(d));
    }
    return TestSpark.session().createDataFrame(rows, schema);
  }

  private static List<Integer> ids(Dataset<Row> rows) {
    return rows.orderBy("id").select("id").collectAsList().stream().map(r -> r.getInt(0)).toList();
  }

  private static SuppressedClasses suppressed(int[] levels, String[]... labels) {
    long[] counts = new long[labels.length];
    boolean[] failed = new boolean[labels.length];
    Arrays.fill(failed, true);
    return new SuppressedClasses(QIS, new ClassSnapshot(levels, labels, counts, failed));
  }

  @Test
  void findsExactlyTheRowsOfTheSuppressedClasses() {
    // store at prefecture level, month at quarter level
    SuppressedClasses s =
        suppressed(
            new int[] {1, 1}, new String[] {"東京都", "2026-Q1"}, new String[] {null, "2026-Q1"});
    assertEquals(List.of(1, 2, 6), ids(s.rowsOf(visits())));
    // the rest, generalized: the complement
    assertEquals(List.of(3, 4, 5, 7, 8, 9), ids(s.remove(visits())));
  }

  @Test
  void aRootLabelTakesTheValuesTheHierarchyDoesNotKnow() {
    SuppressedClasses s =
        suppressed(new int[] {2, 0}, new String[] {"*", "2026-01"}, new String[] {"近畿", "2026-04"});
    // 札幌店 is unknown: root at level 2; (関東, 2026-01) is not suppressed
    assertEquals(List.of(4, 5), ids(s.rowsOf(visits())));
  }

  @Test
  void theMostGeneralLevelAndNullLabelsAtLevelZero() {
    SuppressedClasses s = suppressed(new int[] {3, 0}, new String[] {"*", null});
    assertEquals(List.of(7), ids(s.rowsOf(visits())));
    assertEquals(List.of(), ids(suppressed(new int[] {0, 0}).rowsOf(visits())), "no class");
  }
}
