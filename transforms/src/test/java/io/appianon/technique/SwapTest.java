package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Data swapping on a real local SparkSession. */
class SwapTest {

  /**
   * 201 records: 10 bands of 20 and one band holding a single record (id 200). Amounts are
   * distinct; qty is always amount × 10, so a joint swap must keep that relation.
   */
  private static Dataset<Row> shop(int partitions) {
    return TechniqueRun.spark()
        .range(0, 201, 1, 3)
        .selectExpr(
            "cast(id as int) id",
            "case when id = 200 then 'solo' else concat('band', cast(id % 10 as string)) end band",
            "cast(1000 + id * 7 as int) amount",
            "cast((1000 + id * 7) * 10 as long) qty")
        .repartition(partitions);
  }

  private static Map<Integer, Map<String, Object>> byId(TechniqueRun.Result r) {
    Map<Integer, Map<String, Object>> m = new TreeMap<>();
    for (Map<String, Object> row : r.rows()) {
      m.put((Integer) row.get("id"), row);
    }
    return m;
  }

  private static Map<String, List<Integer>> amountsByBand(List<Map<String, Object>> rows) {
    Map<String, List<Integer>> m = new TreeMap<>();
    for (Map<String, Object> row : rows) {
      m.computeIfAbsent((String) row.get("band"), b -> new ArrayList<>())
          .add((Integer) row.get("amount"));
    }
    m.values().forEach(l -> l.sort(null));
    return m;
  }

  private static List<Map<String, Object>> input() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int id = 0; id <= 200; id++) {
      Map<String, Object> row = new HashMap<>();
      row.put("band", id == 200 ? "solo" : "band" + id % 10);
      row.put("amount", 1000 + id * 7);
      rows.add(row);
    }
    return rows;
  }

  @Test
  void swapKeepsValueMultisetWithinGroups() {
    TechniqueRun.Result r =
        TechniqueRun.run("type = swap, columns = amount, within = band, seed = 1", shop(4));
    assertEquals(201, r.rows().size());
    assertEquals(201, byId(r).size(), "every record is still there, once");
    assertEquals(amountsByBand(input()), amountsByBand(r.rows()));
  }

  @Test
  void swapMovesMostValuesInGroupsOfTwoOrMore() {
    TechniqueRun.Result r =
        TechniqueRun.run("type = swap, columns = amount, within = band, seed = 1", shop(4));
    long moved = 0;
    for (Map.Entry<Integer, Map<String, Object>> e : byId(r).entrySet()) {
      if (!e.getValue().get("amount").equals(1000 + e.getKey() * 7)) {
        moved++;
      }
    }
    // A random permutation of 20 leaves 1 value in place on average: about 190 of the 200 should
    // move.
    assertTrue(moved >= 170, moved + " of 200 swappable values moved");
    assertEquals(moved, r.metric("amount", "rows_swapped"));
    assertEquals(1, r.metric("amount", "rows_in_groups_of_one"));
    assertEquals(
        1000 + 200 * 7,
        byId(r).get(200).get("amount"),
        "a record alone in its group keeps its value");
  }

  @Test
  void swapMovesListedColumnsTogetherAndLeavesOthersInPlace() {
    TechniqueRun.Result r =
        TechniqueRun.run("type = swap, columns = [amount, qty], within = band, seed = 2", shop(2));
    for (Map.Entry<Integer, Map<String, Object>> e : byId(r).entrySet()) {
      Map<String, Object> row = e.getValue();
      assertEquals(((Integer) row.get("amount")) * 10L, row.get("qty"), "id " + e.getKey());
      int id = e.getKey();
      assertEquals(
          id == 200 ? "solo" : "band" + id % 10, row.get("band"), "the group column does not move");
    }
    assertTrue(r.metric("amount+qty", "rows_swapped") >= 170);
  }

  @Test
  void swapDependsOnSeedButNotOnPartitioning() {
    Technique t = TechniqueRun.parse("type = swap, columns = amount, within = band");
    Map<Integer, Object> one = amounts(TechniqueRun.run(t, shop(1), 9L));
    assertEquals(
        one,
        amounts(TechniqueRun.run(t, shop(5), 9L)),
        "keys are hashes of the records, not positions");
    assertNotEquals(
        one,
        amounts(TechniqueRun.run(t, shop(1), 10L)),
        "a new release seed gives a new permutation");
  }

  @Test
  void swapSplitsLargeGroupsIntoBlocksAndStillPermutesThem() {
    TechniqueRun.Result r =
        TechniqueRun.run("type = swap, columns = amount, block-rows = 30, seed = 4", shop(3));
    List<Integer> before = new ArrayList<>();
    for (Map<String, Object> row : input()) {
      before.add((Integer) row.get("amount"));
    }
    List<Integer> after = new ArrayList<>();
    for (Object v : r.column("amount")) {
      after.add((Integer) v);
    }
    before.sort(null);
    after.sort(null);
    assertEquals(before, after, "one group of 201 in 7 blocks: still a permutation of all values");
    assertTrue(r.metric("amount", "rows_swapped") >= 180, r.metrics().toString());
  }

  private static Map<Integer, Object> amounts(TechniqueRun.Result r) {
    Map<Integer, Object> m = new TreeMap<>();
    byId(r).forEach((id, row) -> m.put(id, row.get("amount")));
    return m;
  }
}
