package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Cell suppression on a real local SparkSession. */
class SuppressCellsTest {

  private static final String WHERE = "where = \"age_band = '90+' AND sex = 'その他'\"";

  private static Dataset<Row> people() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("age_band", DataTypes.StringType, true)
            .add("sex", DataTypes.StringType, true)
            .add("income", DataTypes.LongType, true);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(1, "90+", "その他", 5_000_000L)); // matches
    rows.add(RowFactory.create(2, "90+", "その他", null)); // matches, income already blank
    rows.add(RowFactory.create(3, "90+", "女性", 3_000_000L));
    rows.add(RowFactory.create(4, "40-49", "その他", 4_000_000L));
    rows.add(
        RowFactory.create(5, null, "その他", 2_000_000L)); // unknown band: condition is null, not true
    rows.add(RowFactory.create(6, "90+", "その他", 1_000_000L)); // matches
    return TechniqueRun.spark().createDataFrame(rows, schema).repartition(2);
  }

  private static Map<String, Object> byId(TechniqueRun.Result r, int id) {
    return r.rows().stream().filter(m -> m.get("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void suppressCellsBlanksOnlyCellsOfMatchingRecordsAndCountsChangedCells() {
    TechniqueRun.Result r =
        TechniqueRun.run("type = suppress-cells, columns = [income, sex], " + WHERE, people());
    assertEquals(6, r.rows().size());
    for (int id : new int[] {1, 2, 6}) {
      assertNull(byId(r, id).get("income"), "income of " + id);
      assertNull(
          byId(r, id).get("sex"),
          "sex of " + id + " (the condition is evaluated before any cell changes)");
      assertEquals("90+", byId(r, id).get("age_band"));
    }
    assertEquals(3_000_000L, byId(r, 3).get("income"));
    assertEquals("その他", byId(r, 4).get("sex"));
    assertEquals(2_000_000L, byId(r, 5).get("income"));
    assertEquals(2, r.metric("income", "cells_suppressed"), "record 2's income was already blank");
    assertEquals(3, r.metric("sex", "cells_suppressed"));
    assertEquals(DataTypes.LongType, r.schema().apply("income").dataType());
  }

  @Test
  void suppressCellsWithMarkerReplacesValuesAndTurnsColumnIntoText() {
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = suppress-cells, columns = income, marker = \"*\", " + WHERE, people());
    assertEquals(DataTypes.StringType, r.schema().apply("income").dataType());
    assertEquals("*", byId(r, 1).get("income"));
    assertEquals("*", byId(r, 2).get("income"));
    assertEquals("3000000", byId(r, 3).get("income"));
    assertEquals(
        3,
        r.metric("income", "cells_suppressed"),
        "a blank cell replaced by the marker is a change");
  }

  @Test
  void suppressCellsRejectsUnknownColumnInConditionBeforeReadingData() {
    Technique t =
        TechniqueRun.parse(
            "type = suppress-cells, columns = income, where = \"age_group = '90+'\"");
    PolicyException e =
        assertThrows(PolicyException.class, () -> t.transformSchema(people().schema()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "test-policy.conf: dataset.transforms[0].where: unknown column 'age_group'"),
        e.getMessage());
  }

  @Test
  void suppressCellsRejectsConditionThatIsNotSqlOrNotBoolean() {
    PolicyException parse =
        assertThrows(
            PolicyException.class,
            () ->
                TechniqueRun.parse(
                    "type = suppress-cells, columns = income, where = \"age_band = = 1\""));
    assertTrue(
        parse
            .getMessage()
            .contains("test-policy.conf: dataset.transforms[0].where: not a valid Spark SQL"),
        parse.getMessage());
    Technique t =
        TechniqueRun.parse("type = suppress-cells, columns = income, where = \"income + 1\"");
    PolicyException type =
        assertThrows(
            PolicyException.class,
            () -> t.apply(people(), new TechniqueContext(java.util.Optional.empty(), 1L)));
    assertTrue(
        type.getMessage()
            .contains("dataset.transforms[0].where: condition 'income + 1' must be true or false"),
        type.getMessage());
  }
}
