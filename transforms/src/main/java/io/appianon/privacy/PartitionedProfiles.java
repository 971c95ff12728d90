package io.appianon.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The persons' profiles on Spark, partitioned so that each partition holds whole relational
 * classes: the rows are spread by their class at the most general levels a search may choose
 * ({@code group}), and a class at any lower level lies inside one of those. (k, k^m)-anonymity
 * counts itemsets within a class, so each partition is counted exactly on its own by {@link
 * PersonProfiles}, in the task's memory, and only per-node totals (or the persons and items to
 * remove) leave it.
 *
 * <p>Why not built-in operators: counting every itemset of at most m items per person as rows
 * multiplies the profile by about n^m/m! for a person of n items (45 rows for 10 items and m = 2),
 * and a search evaluates dozens of candidates; in memory the same count is a pass over int arrays.
 * Memory: a task holds the profile rows of the classes in its partition (one per person and
 * distinct item), so the largest class at the most general allowed levels bounds it; the driver
 * holds per-node totals.
 *
 * <p>Row layout ({@link PersonProfiles#fromRows}): {@code (person, has_rel, relational values...,
 * has_item, item values..., rows)}, values as strings at level 0 of their hierarchies.
 */
public final class PartitionedProfiles {
  public static final String PERSON = "person";
  public static final String ITEM = "item";

  private final Dataset<Row> rows;
  private final int relCount;
  private final int itemCount;
  private final DataType personType;

  private PartitionedProfiles(Dataset<Row> rows, int relCount, int itemCount) {
    this.rows = rows;
    this.relCount = relCount;
    this.itemCount = itemCount;
    this.personType = rows.schema().fields()[0].dataType();
  }

  /**
   * Spreads {@code layout} over {@code partitions} partitions by {@code group} (equal for every row
   * of the persons that any evaluated node may put in one class) and keeps it (a local checkpoint).
   */
  public static PartitionedProfiles of(
      Dataset<Row> layout, int relCount, int itemCount, Column group, int partitions) {
    return new PartitionedProfiles(
        layout.repartition(partitions, group).localCheckpoint(true), relCount, itemCount);
  }

  /** The number of persons (each person's rows lie in one partition: counted there). */
  public long persons() {
    MapPartitionsFunction<Row, Long> count =
        in -> {
          java.util.Set<Object> seen = new java.util.HashSet<>();
          in.forEachRemaining(r -> seen.add(r.get(0)));
          return List.of((long) seen.size()).iterator();
        };
    return rows.mapPartitions(count, Encoders.LONG()).collectAsList().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** A node's outcome summed over the partitions. */
  public record Outcome(
      long plainViolators, long violators, long removedPairs, long removedRows, int rounds) {}

  /**
   * Each node's violating persons ({@code plainViolators}) and the persons the release must
   * suppress there ({@code violators}): with {@code removal} those left violating after what {@link
   * PersonProfiles#removeRare} removes, without it every person {@link PersonProfiles#settle}
   * suppresses (the violators, then those their suppression makes violate); one Spark job for all
   * the nodes. A node is {@code {relational levels, item levels}}.
   */
  public List<Outcome> assess(
      int k,
      int m,
      Hierarchy[] relHierarchies,
      Hierarchy[] itemHierarchies,
      List<int[][]> nodes,
      boolean removal) {
    int rc = relCount;
    int ic = itemCount;
    List<int[][]> ns = new ArrayList<>(nodes);
    StructType schema =
        new StructType()
            .add("node", DataTypes.IntegerType)
            .add("plain", DataTypes.LongType)
            .add("violators", DataTypes.LongType)
            .add("pairs", DataTypes.LongType)
            .add("rows", DataTypes.LongType)
            .add("rounds", DataTypes.IntegerType);
    MapPartitionsFunction<Row, Row> count =
        in -> {
          PersonProfiles p = PersonProfiles.fromRows(in, rc, ic, new ArrayList<>());
          List<Row> out = new ArrayList<>();
          if (p.size() == 0) {
            return out.iterator();
          }
          for (int n = 0; n < ns.size(); n++) {
            int[] rl = ns.get(n)[0];
            int[] il = ns.get(n)[1];
            long plain = p.violators(k, m, relHierarchies, rl, itemHierarchies, il);
            if (plain == 0) {
              out.add(RowFactory.create(n, 0L, 0L, 0L, 0L, 0));
            } else if (!removal) {
              // the persons suppressed once settled: a suppressed person's items leave the
              // supports of their class, which can make others violate (the release stage
              // suppresses all of them, so its budget must count them)
              long settled =
                  p.settle(k, m, relHierarchies, rl, itemHierarchies, il, false)
                      .suppressed()
                      .size();
              out.add(RowFactory.create(n, plain, settled, 0L, 0L, 0));
            } else {
              PersonProfiles.Removal r =
                  p.removeRare(k, m, relHierarchies, rl, itemHierarchies, il, null);
              out.add(
                  RowFactory.create(
                      n, plain, r.violators(), r.removedPairs(), r.removedRows(), r.rounds()));
            }
          }
          return out.iterator();
        };
    List<Row> sums =
        rows.mapPartitions(count, Encoders.row(schema))
            .groupBy(col("node"))
            .agg(
                sum(col("plain")),
                sum(col("violators")),
                sum(col("pairs")),
                sum(col("rows")),
                max(col("rounds")))
            .collectAsList();
    Outcome[] out = new Outcome[ns.size()];
    for (int n = 0; n < out.length; n++) {
      out[n] = new Outcome(0, 0, 0, 0, 0);
    }
    for (Row r : sums) {
      out[r.getInt(0)] =
          new Outcome(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getInt(5));
    }
    return List.of(out);
  }

  /**
   * At one node, settled ({@link PersonProfiles#settle}): with {@code removal}, the (person, item)
   * pairs removed as rare (the item named as {@link PersonProfiles} names a generalized item: the
   * item values joined by U+001F, a null as U+0000), and the persons suppressed, as rows {@code
   * (person, item)} with a null item: the persons left in every class hold the model. Kept as a
   * local checkpoint.
   */
  public Dataset<Row> apply(
      int k,
      int m,
      Hierarchy[] relHierarchies,
      int[] relLevels,
      Hierarchy[] itemHierarchies,
      int[] itemLevels,
      boolean removal) {
    int rc = relCount;
    int ic = itemCount;
    StructType schema = new StructType().add(PERSON, personType).add(ITEM, DataTypes.StringType);
    MapPartitionsFunction<Row, Row> decide =
        in -> {
          List<Object> ids = new ArrayList<>();
          PersonProfiles p = PersonProfiles.fromRows(in, rc, ic, ids);
          List<Row> out = new ArrayList<>();
          PersonProfiles.Settled settled =
              p.settle(k, m, relHierarchies, relLevels, itemHierarchies, itemLevels, removal);
          for (Map.Entry<Integer, String> e : settled.removedItems()) {
            out.add(RowFactory.create(ids.get(e.getKey()), e.getValue()));
          }
          for (int i : settled.suppressed()) {
            out.add(RowFactory.create(ids.get(i), null));
          }
          return out.iterator();
        };
    return rows.mapPartitions(decide, Encoders.row(schema)).localCheckpoint(true);
  }

  /** The kept rows, in the layout above, spread by class. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** Releases the kept rows. */
  public void unpersist() {
    io.appianon.core.Checkpoints.release(rows);
  }
}
