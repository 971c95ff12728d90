package io.appianon.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.hierarchy.Hierarchy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MondrianTest {
  static final List<String> QIS = List.of("age", "education", "marital-status", "sex");

  @BeforeAll
  static void quiet() {
    TestData.spark().sparkContext().setLogLevel("WARN");
  }

  @Test
  void mondrianOutputIsKAnonymousAndKeepsEveryRow() {
    int k = 10;
    List<QuasiIdentifier> qis = TestData.adultQis(QIS);
    MondrianResult r = new Mondrian(k).apply(TestData.adult(), qis);
    Dataset<Row> out = r.output().cache();
    assertEquals(30162, r.inputRecords());
    assertEquals(0, r.suppressedRecords());
    assertEquals(r.inputRecords(), out.count(), "every input row is in the output");
    Column[] cols = QIS.stream().map(Anonymizer::column).toArray(Column[]::new);
    Dataset<Row> classes = out.groupBy(cols).count();
    long smallest = classes.agg(min(col("count"))).first().getLong(0);
    assertTrue(smallest >= k, "smallest class " + smallest);
    assertEquals(r.partitions(), classes.count(), "partitions have distinct labels");
    assertEquals(smallest, r.minPartitionSize());
    assertTrue(r.iterations() > 3);
    assertEquals(Arrays.asList(TestData.adult().columns()), Arrays.asList(out.columns()));
    // ages are ranges or single ages
    for (Row row : out.select("age").distinct().collectAsList()) {
      assertTrue(row.getString(0).matches("\\d+(-\\d+)?"), row.getString(0));
    }
    // local recoding loses less than the optimal full-domain generalization of the same QIs
    FrequencyTable table = FrequencyTable.build(TestData.adult(), qis, Optional.empty());
    SearchResult full = new LatticeSearch(table).search(SearchConfig.kAnonymity(k, 0.0));
    assertTrue(
        r.loss() < full.loss().loss(),
        "mondrian " + r.loss() + " vs full-domain " + full.loss().loss());
    assertTrue(r.discernibility() < full.loss().discernibility());
    assertTrue(r.loss() > 0 && r.loss() < 1);
    out.unpersist();
  }

  @Test
  void fewerThanKRecordsAreAllSuppressed() {
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("age", DataTypes.IntegerType, true),
              DataTypes.createStructField("city", DataTypes.StringType, true)
            });
    Dataset<Row> data =
        TestData.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create(30, "a"),
                    RowFactory.create(40, "b"),
                    RowFactory.create(null, null)),
                schema);
    List<QuasiIdentifier> qis =
        List.of(
            QuasiIdentifier.numeric("age", Hierarchy.flat("age")),
            QuasiIdentifier.of("city", Hierarchy.flat("city")));
    MondrianResult r = new Mondrian(5).apply(data, qis);
    assertEquals(3, r.suppressedRecords());
    assertEquals(0, r.output().count());
    MondrianResult r2 = new Mondrian(2).apply(data, qis);
    assertEquals(0, r2.suppressedRecords());
    assertEquals(3, r2.output().count(), "null values are kept, on the lower side");
    assertEquals(
        "Invalid k: 1 (must be >= 2)",
        assertThrows(IllegalArgumentException.class, () -> new Mondrian(1)).getMessage());
  }
}
