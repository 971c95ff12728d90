package io.appianon.privacy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * k^m-anonymity for transaction data: every itemset of at most m items that occurs in someone's
 * basket is contained in the baskets of at least k persons, so an attacker who knows up to m of a
 * person's items cannot narrow them down to fewer than k candidates.
 *
 * <p>M. Terrovitis, N. Mamoulis, P. Kalnis, "Privacy-preserving anonymization of set-valued data",
 * PVLDB 1(1), 2008.
 *
 * <p>Checked on Spark with built-in functions only (no UDF, no higher-order function lambdas, which
 * run interpreted), on one of two paths chosen by the number of distinct non-null items (collected
 * to the driver first, at most 65):
 *
 * <ul>
 *   <li>At most 64 items (the common case, e.g. 18 product categories): the sorted items are
 *       numbered, and each person's basket is one bit mask ({@code bit_or} of {@code 1 << index}
 *       per person). Persons with the same mask are counted together, so the itemsets are built
 *       from the few distinct masks (weighted by their number of persons) instead of from every
 *       basket: 4M rows of 400K persons over 18 items have only 38,217 distinct baskets, and the
 *       count took about 6 s instead of 11.1 s in an experiment. The items become literals in the
 *       query plan (an array of at most 64 strings), which is fine for an item column such as a
 *       category.
 *   <li>More items: baskets are the distinct items per person ({@code collect_set}), and their
 *       itemsets are counted per basket.
 * </ul>
 *
 * <p>On both paths the itemsets of sizes 1..m of a basket (or mask) come from chained {@code
 * explode}s (twice as fast as building them with higher-order array functions), one tuple per
 * itemset and basket, so the support is the number of distinct persons. A basket of b items yields
 * C(b,1)+...+C(b,m) itemsets, so m is limited to 3 and very large baskets are costly. Two remedies:
 * generalize items to the lowest level of a hierarchy at which nothing violates, or suppress a
 * greedy hitting set of the violating itemsets' items (removing an item never lowers the support of
 * an itemset without it, so no new violation appears).
 */
public final class KmAnonymity {
  /** Violating itemsets collected to the driver for {@link #suppress} at most. */
  public static final int MAX_COLLECTED_VIOLATIONS = 1_000_000;

  private static final String ITEMS = "__km_items";
  private static final String ITEM = "__km_item";
  private static final String MASK = "__km_mask";
  private static final String WEIGHT = "__km_weight";

  /** Item domains up to this size are counted from one bit mask per person. */
  private static final int MAX_MASK_ITEMS = 64;

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

  /**
   * Every itemset of size 1..m of every basket with its support: columns {@code itemset} (the
   * itemset's distinct items, ascending) and {@code support} (the number of distinct persons whose
   * basket contains it). Null items are ignored. With at most {@value #MAX_MASK_ITEMS} distinct
   * items each basket is one bit mask (see the class javadoc); the items are then literals in the
   * query plan.
   */
  public Dataset<Row> supports(Dataset<Row> pairs, String personColumn, String itemColumn) {
    Objects.requireNonNull(pairs, "pairs");
    Column item = Anonymizer.column(itemColumn).cast("string");
    // Sorted by Spark, so the itemsets list their items in the same (string) order as
    // basketSupports'.
    List<Row> found =
        pairs
            .where(item.isNotNull())
            .select(item.as(ITEM))
            .distinct()
            .orderBy(col(ITEM))
            .limit(MAX_MASK_ITEMS + 1)
            .collectAsList();
    if (found.isEmpty() || found.size() > MAX_MASK_ITEMS) {
      return basketSupports(pairs, Anonymizer.column(personColumn), item);
    }
    List<String> items = new ArrayList<>();
    for (Row r : found) {
      items.add(r.getString(0));
    }
    return maskSupports(pairs, Anonymizer.column(personColumn), item, items);
  }

  /** The supports from the itemsets of every basket (any number of distinct items). */
  private Dataset<Row> basketSupports(Dataset<Row> pairs, Column person, Column item) {
    Dataset<Row> baskets =
        pairs.where(item.isNotNull()).groupBy(person).agg(collect_set(item).as(ITEMS));
    // Tuples x0 <= x1 <= ... of a basket's items that rise strictly and then, once two are equal,
    // stay equal: (a,a) is {a}, (a,b) is {a,b}; (a,b,b) is {a,b}, (a,b,c) is {a,b,c}. So every
    // itemset of size 1..m of a basket is made exactly once, by chained explodes (generated code;
    // no per-basket lambdas).
    Dataset<Row> tuples = baskets.select(col(ITEMS), explode(col(ITEMS)).as(ITEM + 0));
    List<Column> kept = new ArrayList<>(List.of(col(ITEMS), col(ITEM + 0)));
    for (int i = 1; i < m; i++) {
      List<Column> select = new ArrayList<>(kept);
      select.add(explode(col(ITEMS)).as(ITEM + i));
      tuples = tuples.select(select.toArray(new Column[0])).where(canonical(i));
      kept.add(col(ITEM + i));
    }
    Column[] xs = kept.subList(1, kept.size()).toArray(new Column[0]);
    return tuples
        .groupBy(xs)
        .agg(functions.count(lit(1)).as("support"))
        .select(array_distinct(array(xs)).as("itemset"), col("support"));
  }

  /**
   * The supports from one bit mask per person (bit i: the person has {@code items.get(i)}; at most
   * 64 items): the persons with the same mask are counted once, and the itemsets of each distinct
   * mask are weighted by that count.
   */
  private Dataset<Row> maskSupports(
      Dataset<Row> pairs, Column person, Column item, List<String> items) {
    Column[] literals = new Column[items.size()];
    for (int i = 0; i < literals.length; i++) {
      literals[i] = lit(items.get(i));
    }
    Column index = array_position(array(literals), item).minus(1).cast("int");
    Dataset<Row> masks =
        pairs
            .where(item.isNotNull())
            .groupBy(groupingKey(pairs, person))
            // An item missing from the list (input that changed since it was read) must fail, not
            // count as bit 63.
            .agg(
                bit_or(
                        when(index.geq(0), call_function("shiftleft", lit(1L), index))
                            .otherwise(
                                raise_error(
                                    lit(
                                        "k^m: an item appeared after the items were listed; is the input"
                                            + " deterministic?"))))
                    .as(MASK))
            .groupBy(col(MASK))
            .agg(functions.count(lit(1)).as(WEIGHT));
    // The same tuple rule as basketSupports, over the indices of the mask's set bits.
    Column indices = sequence(lit(0), lit(items.size() - 1));
    Dataset<Row> tuples =
        masks.select(col(MASK), col(WEIGHT), explode(indices).as(ITEM + 0)).where(hasBit(0));
    List<Column> kept = new ArrayList<>(List.of(col(MASK), col(WEIGHT), col(ITEM + 0)));
    for (int i = 1; i < m; i++) {
      List<Column> select = new ArrayList<>(kept);
      select.add(explode(indices).as(ITEM + i));
      tuples = tuples.select(select.toArray(new Column[0])).where(canonical(i).and(hasBit(i)));
      kept.add(col(ITEM + i));
    }
    Column[] xs = kept.subList(2, kept.size()).toArray(new Column[0]);
    // coalesce: the same non-nullable types as basketSupports' (a sum, and element_at unless ANSI
    // mode, are nullable;
    // never null here).
    Column[] named = new Column[xs.length];
    for (int i = 0; i < xs.length; i++) {
      named[i] = coalesce(element_at(array(literals), xs[i].plus(1)), lit(""));
    }
    return tuples
        .groupBy(xs)
        .agg(coalesce(sum(col(WEIGHT)), lit(0L)).as("support"))
        .select(array_distinct(array(named)).as("itemset"), col("support"));
  }

  /**
   * The person as the key of the per-person aggregation: a string whose equality is byte equality
   * (the default collation) is grouped by its UTF-8 bytes, which makes the same groups. Spark's
   * partial hash aggregation first tries a small map of 65,536 keys for string keys, but not for
   * binary ones; the map tasks of a large purchase history see hundreds of thousands of persons
   * each (600,000 in 940,000 rows at 16M purchases), so that map is full early and every later row
   * pays a failed probe in it before the main map. Grouped by bytes, the count of 16M pairs of 1.6M
   * persons took 12-13 s instead of 14-16 s. Spark has no per-query switch for that map (only the
   * session-wide {@code spark.sql.codegen.aggregate.map.twolevel.enabled}).
   */
  static Column groupingKey(Dataset<Row> pairs, Column person) {
    DataType type = pairs.select(person).schema().fields()[0].dataType();
    return type instanceof StringType s && s.supportsBinaryEquality()
        ? person.cast("binary")
        : person;
  }

  /**
   * The tuple rule for the i-th exploded element (i >= 1), which makes every itemset of a basket
   * once.
   */
  private static Column canonical(int i) {
    return canonical(ITEM, i);
  }

  /**
   * {@link #canonical(int)} for columns named {@code prefix + i} (a tuple rule shared by the k^m
   * counts).
   */
  static Column canonical(String prefix, int i) {
    Column x = col(prefix + i);
    Column prev = col(prefix + (i - 1));
    Column rule = x.geq(prev);
    if (i > 1) {
      rule = rule.and(prev.gt(col(prefix + (i - 2))).or(x.equalTo(prev)));
    }
    return rule;
  }

  /**
   * Whether the mask has the bit of the i-th exploded index (bit 63 is the sign bit, hence not
   * zero, not > 0).
   */
  private static Column hasBit(int i) {
    return col(MASK).bitwiseAND(call_function("shiftleft", lit(1L), col(ITEM + i))).notEqual(0L);
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
   * Generalizes items with a hierarchy to the lowest level at which nothing violates (at the root
   * every basket is {@code {*}}, which violates only when there are fewer than k persons; then
   * level -1 is returned with the input unchanged). The output's item column holds the generalized
   * labels (duplicate pairs may appear).
   */
  public KmResult generalize(
      Dataset<Row> pairs, String personColumn, String itemColumn, Hierarchy hierarchy) {
    Objects.requireNonNull(hierarchy, "hierarchy");
    long before = countViolations(pairs, personColumn, itemColumn);
    if (before == 0) {
      return new KmResult(0, Set.of(), 0, 0, pairs);
    }
    for (int level = 1; level <= hierarchy.maxLevel(); level++) {
      Dataset<Row> out =
          pairs.withColumn(
              itemColumn,
              hierarchy.generalize(Anonymizer.column(itemColumn).cast("string"), level));
      long v = countViolations(out, personColumn, itemColumn);
      if (v == 0) {
        return new KmResult(level, Set.of(), before, 0, out);
      }
    }
    return new KmResult(-1, Set.of(), before, before, pairs);
  }

  /**
   * Suppresses items: collects the violating itemsets (at most {@link #MAX_COLLECTED_VIOLATIONS}),
   * picks greedily the item contained in most of the not yet covered ones until all are covered,
   * and removes those items from every basket (a broadcast left-anti join).
   */
  public KmResult suppress(Dataset<Row> pairs, String personColumn, String itemColumn) {
    List<Row> violating =
        violations(pairs, personColumn, itemColumn)
            .limit(MAX_COLLECTED_VIOLATIONS + 1)
            .collectAsList();
    if (violating.size() > MAX_COLLECTED_VIOLATIONS) {
      throw new IllegalStateException(
          "More than "
              + MAX_COLLECTED_VIOLATIONS
              + " itemsets violate k^m-anonymity (k="
              + k
              + ", m="
              + m
              + "); generalize the items first");
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
    Dataset<Row> drop =
        pairs
            .sparkSession()
            .createDataFrame(
                rows,
                new StructType(
                    new StructField[] {
                      DataTypes.createStructField(ITEM, DataTypes.StringType, false)
                    }));
    Dataset<Row> out =
        pairs.join(
            broadcast(drop),
            pairs.col(Anonymizer.quote(itemColumn)).cast("string").equalTo(drop.col(ITEM)),
            "left_anti");
    long after = countViolations(out, personColumn, itemColumn);
    return new KmResult(0, suppressed, violating.size(), after, out);
  }
}
