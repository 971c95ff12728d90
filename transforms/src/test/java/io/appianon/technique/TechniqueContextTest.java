package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** What a technique gets from its context: the key, and the rows not marked for deletion. */
class TechniqueContextTest {

  @Test
  void aTechniqueNeedingTheKeyFailsNamingItselfWhenThereIsNone() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new TechniqueContext(Optional.empty(), 1).key("pseudonymize"));
    assertEquals(
        "pseudonymize needs the per-release pseudonym key but none was given to the pipeline",
        e.getMessage());
  }

  /**
   * onLive applies a technique to the rows not marked for deletion; with no mark column at all (no
   * rule ran), to every row.
   */
  @Test
  void onLiveAppliesTheTechniqueToEveryRowWhenNoneIsMarkedAndPassesMarkedRowsThrough() {
    Dataset<Row> in =
        TechniqueRun.spark()
            .createDataFrame(
                List.of(RowFactory.create("a", 1L), RowFactory.create("test", 2L)),
                new StructType().add("kind", DataTypes.StringType).add("n", DataTypes.LongType));
    List<Row> all =
        TechniqueContext.onLive(in, d -> d.withColumn("twice", col("n").multiply(2)))
            .orderBy("n")
            .collectAsList();
    assertEquals(List.of(2L, 4L), all.stream().map(r -> r.getLong(2)).toList());

    TechniqueContext ctx = new TechniqueContext(Optional.empty(), 1);
    Dataset<Row> marked = ctx.deleteWhere(in, col("kind").equalTo(lit("test")), "test-account");
    List<Row> some =
        TechniqueContext.onLive(marked, d -> d.withColumn("twice", col("n").multiply(2)))
            .orderBy("n")
            .select("n", "twice", TechniqueContext.DELETE_REASON)
            .collectAsList();
    assertEquals(
        Arrays.asList(2L, null),
        some.stream().map(r -> r.isNullAt(1) ? null : r.getLong(1)).toList(),
        "the marked row passes through, the added column null on it");
    assertTrue(some.get(1).getString(2).equals("test-account"));
  }
}
