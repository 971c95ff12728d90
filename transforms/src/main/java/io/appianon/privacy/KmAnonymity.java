package io.appianon.privacy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * k^m-anonymity for transaction data: every itemset of at most m items that occurs in someone's basket is contained
 * in the baskets of at least k persons, so an attacker who knows up to m of a person's items cannot narrow them down
 * to fewer than k candidates.
 *
 * <p>M. Terrovitis, N. Mamoulis, P. Kalnis, "Privacy-preserving anonymization of set-valued data", PVLDB 1(1), 2008.
 *
 * <p>Checked on Spark with built-in functions only: baskets are the distinct items per person ({@code collect_set});
 * the itemsets of sizes 1..m of each basket come from chained {@code explode}s of the basket (no UDF, no lambda per
 * basket; twice as fast as building the itemsets with higher-order array functions), and are counted per itemset
 * (each person contributes an itemset once, so the count is the number of distinct persons). A basket of b items
 * yields C(b,1)+...+C(b,m) itemsets, so m is limited to 3 and very large baskets are costly. Two remedies: generalize
 * items to the lowest level of a hierarchy at which nothing violates, or suppress a greedy hitting set of the
 * violating itemsets' items (removing an item never lowers the support of an itemset without it, so no new violation
 * appears).
 */
public final class KmAnonymity {
  /** Violating itemsets collected to the driver for {@link #suppress} at most. */
  public static final int MAX_COLLECTED_VIOLATIONS = 1_000_000;
  private static final String ITEMS = "__km_items";
  private static final String ITEM = "__km_item";

  private final int k;
  private final int m;

  public KmAnonymity(int k, int m) {
    if (k < 2) {
      throw new IllegalArgumentException("Invalid k: " + k + " (must be >= 2)");
    }
    if (m < 1 || m > 3) {
      throw new IllegalArgumentException("Invalid m: " + m + " (must be 1..3)");
    }
    this.k = k;
    this.m = m;
  }

  public int k() {
    return k;
  }

  public int m() {
    return m;
  }

  /** Every itemset of size 1..m of every basket with its support: columns {@code itemset}, {@code support}. */
  public Dataset<Row> supports(Dataset<Row> pairs, String personColumn, String itemColumn) {
    Objects.requireNonNull(pairs, "pairs");
    Column item = Anonymizer.column(itemColumn).cast("string");
    Dataset<Row> baskets = pairs.where(item.isNotNull())
        .groupBy(Anonymizer.column(personColumn))
        .agg(collect_set(item).as(ITEMS));
    // Tuples x0 <= x1 <= ... of a basket's items that rise strictly and then, once two are equal, stay equal:
    // (a,a) is {a}, (a,b) is {a,b}; (a,b,b) is {a,b}, (a,b,c) is {a,b,c}. So every itemset of size 1..m of a basket
    // is made exactly once, by chained explodes (generated code; no per-basket lambdas).
    Dataset<Row> tuples = baskets.select(col(ITEMS), explode(col(ITEMS)).as(ITEM + 0));
    List<Column> kept = new ArrayList<>(List.of(col(ITEMS), col(ITEM + 0)));
    for (int i = 1; i < m; i++) {
      Column x = col(ITEM + i);
      Column prev = col(ITEM + (i - 1));
      Column rule = x.geq(prev);
      if (i > 1) {
        rule = rule.and(prev.gt(col(ITEM + (i - 2))).or(x.equalTo(prev)));
      }
      List<Column> select = new ArrayList<>(kept);
      select.add(explode(col(ITEMS)).as(ITEM + i));
      tuples = tuples.select(select.toArray(new Column[0])).where(rule);
      kept.add(x);
    }
    Column[] xs = kept.subList(1, kept.size()).toArray(new Column[0]);
    return tuples.groupBy(xs).agg(functions.count(lit(1)).as("support"))
        .select(array_distinct(array(xs)).as("itemset"), col("support"));
  }

  /** The itemsets supported by fewer than k persons. */
  public Dataset<Row> violations(Dataset<Row> pairs, String personColumn, String itemColumn) {
    return supports(pairs, personColumn, itemColumn).where(col("support").lt(k));
  }

  /** Number of violating itemsets. */
  public long countViolations(Dataset<Row> pairs, String personColumn, String itemColumn) {
    return violations(pairs, personColumn, itemColumn).count();
  }

  /**
   * Generalizes items with a hierarchy to the lowest level at which nothing violates (at the root every basket is
   * {@code {*}}, which violates only when there are fewer than k persons; then level -1 is returned with the
   * input unchanged). The output's item column holds the generalized labels (duplicate pairs may appear).
   */
  public KmResult generalize(Dataset<Row> pairs, String personColumn, String itemColumn, Hierarchy hierarchy) {
    Objects.requireNonNull(hierarchy, "hierarchy");
    long before = countViolations(pairs, personColumn, itemColumn);
    if (before == 0) {
      return new KmResult(0, Set.of(), 0, 0, pairs);
    }
    for (int level = 1; level <= hierarchy.maxLevel(); level++) {
      Dataset<Row> out = pairs.withColumn(itemColumn,
          hierarchy.generalize(Anonymizer.column(itemColumn).cast("string"), level));
      long v = countViolations(out, personColumn, itemColumn);
      if (v == 0) {
        return new KmResult(level, Set.of(), before, 0, out);
      }
    }
    return new KmResult(-1, Set.of(), before, before, pairs);
  }

  /**
   * Suppresses items: collects the violating itemsets (at most {@link #MAX_COLLECTED_VIOLATIONS}), picks greedily
   * the item contained in most of the not yet covered ones until all are covered, and removes those items from
   * every basket (a broadcast left-anti join).
   */
  public KmResult suppress(Dataset<Row> pairs, String personColumn, String itemColumn) {
    List<Row> violating = violations(pairs, personColumn, itemColumn).limit(MAX_COLLECTED_VIOLATIONS + 1)
        .collectAsList();
    if (violating.size() > MAX_COLLECTED_VIOLATIONS) {
      throw new IllegalStateException("More than " + MAX_COLLECTED_VIOLATIONS + " itemsets violate k^m-anonymity (k="
          + k + ", m=" + m + "); generalize the items first");
    }
    if (violating.isEmpty()) {
      return new KmResult(0, Set.of(), 0, 0, pairs);
    }
    List<List<String>> open = new ArrayList<>();
    for (Row r : violating) {
      open.add(r.getList(0));
    }
    Set<String> suppressed = new HashSet<>();
    while (!open.isEmpty()) {
      Map<String, Integer> freq = new HashMap<>();
      for (List<String> set : open) {
        for (String item : set) {
          freq.merge(item, 1, Integer::sum);
        }
      }
      String pick = null;
      int best = -1;
      for (Map.Entry<String, Integer> e : freq.entrySet()) {
        if (e.getValue() > best || (e.getValue() == best && e.getKey().compareTo(pick) < 0)) {
          pick = e.getKey();
          best = e.getValue();
        }
      }
      suppressed.add(pick);
      String chosen = pick;
      open.removeIf(set -> set.contains(chosen));
    }
    List<Row> rows = new ArrayList<>();
    suppressed.forEach(item -> rows.add(RowFactory.create(item)));
    Dataset<Row> drop = pairs.sparkSession().createDataFrame(rows,
        new StructType(new StructField[] {DataTypes.createStructField(ITEM, DataTypes.StringType, false)}));
    Dataset<Row> out = pairs.join(broadcast(drop),
        pairs.col(Anonymizer.quote(itemColumn)).cast("string").equalTo(drop.col(ITEM)), "left_anti");
    long after = countViolations(out, personColumn, itemColumn);
    return new KmResult(0, suppressed, violating.size(), after, out);
  }
}
