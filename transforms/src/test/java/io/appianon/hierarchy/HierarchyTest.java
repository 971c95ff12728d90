package io.appianon.hierarchy;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestSpark;
import io.appianon.core.Origin;
import io.appianon.core.PolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchyTest {
  @TempDir Path tmp;

  private Hierarchy age() {
    return Hierarchy.of(
        "age",
        List.of(
            List.of("34", "30-34", "30-39", "*"),
            List.of("35", "35-39", "30-39", "*"),
            List.of("90+", "90+", "90+", "*")));
  }

  @Test
  void generalizesOnTheDriverAndOnSparkAlike() {
    Hierarchy h = age();
    List<String> values = Arrays.asList("34", "35", "90+", "200", null);
    List<Row> rows =
        TestSpark.session()
            .createDataset(values, Encoders.STRING())
            .toDF("v")
            .select(
                col("v"),
                h.generalize(col("v"), 1).as("l1"),
                h.generalize(col("v"), 2).as("l2"),
                h.generalize(col("v"), 3).as("l3"))
            .collectAsList();
    for (Row r : rows) {
      String v = r.getString(0);
      assertEquals(h.generalize(v, 1), r.getString(1), "level 1 of " + v);
      assertEquals(h.generalize(v, 2), r.getString(2), "level 2 of " + v);
      assertEquals("*", r.getString(3));
    }
    assertEquals("30-39", h.generalize("35", 2));
    assertEquals("*", h.generalize("200", 1), "unknown values go to the root");
    assertNull(h.generalize((String) null, 1), "null (not applicable) stays null below the root");
  }

  /** The values kept by {@code generalizesTo(labels, level)} on Spark, or null when it is empty. */
  private static List<String> kept(Hierarchy h, List<String> labels, int level) {
    List<String> values = Arrays.asList("34", "35", "90+", "200", null);
    return h.generalizesTo(col("v"), labels, level)
        .map(
            in ->
                TestSpark.session()
                    .createDataset(values, Encoders.STRING())
                    .toDF("v")
                    .where(in)
                    .as(Encoders.STRING())
                    .collectAsList())
        .orElse(null);
  }

  @Test
  void listsTheOriginalValuesOfLabelsAsASetLookup() {
    Hierarchy h = age();
    assertEquals(List.of("34", "35"), kept(h, List.of("30-39"), 2));
    assertEquals(List.of("35"), kept(h, List.of("35-39", "0-4"), 1));
    assertEquals(List.of(), kept(h, List.of("0-4"), 1), "a label no value reaches");
    assertEquals(Arrays.asList("90+", null), kept(h, Arrays.asList("90+", null), 1));
    // level 0 is the value itself, known to the hierarchy or not
    assertEquals(List.of("200"), kept(h, List.of("200"), 0));
    assertEquals(Arrays.asList("34", null), kept(h, Arrays.asList("34", null), 0));
    // not listable: the root takes every unknown value; a flat hierarchy knows no value
    assertNull(kept(h, List.of("30-39", "*"), 2));
    assertNull(kept(h, List.of("*"), 3));
    assertNull(kept(Hierarchy.flat("x"), List.of("*"), 1));
    assertEquals(List.of("34"), kept(Hierarchy.flat("x"), List.of("34"), 0));
  }

  @Test
  void rejectsRaggedRowsAndBadLevels() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Hierarchy.of("x", List.of(List.of("a", "*"), List.of("b", "B", "*"))));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> age().generalize("34", 4));
    assertTrue(e.getMessage().contains("Invalid level 4"));
  }

  @Test
  void resolverNamesTheKeyAndTheMissingFile() throws IOException {
    Files.writeString(tmp.resolve("sex.csv"), "男性;*\n女性;*\n");
    HierarchyResolver r = new HierarchyResolver(tmp);
    assertEquals(2, r.resolve("sex", new Origin("p.conf", "k")).height());
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                r.resolve(
                    "gender",
                    new Origin("p.conf", "dataset.privacy.quasi-identifiers[0].hierarchy")));
    assertTrue(
        e.getMessage().startsWith("p.conf: dataset.privacy.quasi-identifiers[0].hierarchy: "));
    assertTrue(e.getMessage().contains("gender.csv"));
  }
}
