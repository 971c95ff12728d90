package io.appianon.privacy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * (k, k^m)-anonymity of relational and transaction data, counted in persons: a person is described by a relational
 * class (the combination of their relational quasi-identifiers, one string) and a set of items; every combination of
 * the class with any set of at most m of the person's items must be shared by at least k persons, and so must the class
 * itself (m = 0). A person with 40 purchase rows counts once.
 *
 * <p>Poulis, Loukides, Gkoulalas-Divanis, Skiadopoulos, "Anonymizing data with relational and transaction
 * attributes", ECML PKDD 2013; the transaction part is k^m-anonymity (Terrovitis, Mamoulis, Kalnis, PVLDB 2008).
 *
 * <p>Input: profile rows {@code (node, person, qi_class, item)}, one per (person, distinct item); a person without items
 * has one row with a null item. {@code node} numbers the candidate generalizations evaluated together in one Spark
 * job. Counted on Spark with built-in functions: each person's itemsets of size 1..m come from chained
 * {@code explode}s of their basket (the tuple rule of {@link KmAnonymity}), are counted per (node, class, itemset) and
 * joined back to their persons. Nothing but the per-node counts reaches the driver.
 */
public final class PersonLevelAnonymity {
  public static final String NODE = "node";
  public static final String PERSON = "person";
  public static final String CLASS = "qi_class";
  public static final String ITEM = "item";
  private static final String ITEMS = "__pk_items";
  private static final String X = "__pk_x";

  private final int k;
  private final int m;

  public PersonLevelAnonymity(int k, int m) {
    if (k < 2) {
      throw new IllegalArgumentException("Invalid k: " + k + " (must be >= 2)");
    }
    if (m < 0 || m > 3) {
      throw new IllegalArgumentException("Invalid m: " + m + " (must be 0..3)");
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

  /** The distinct {@code (node, person)} pairs of persons who violate the model at that node. */
  public Dataset<Row> violators(Dataset<Row> profiles) {
    Dataset<Row> baskets = profiles.groupBy(col(NODE), col(PERSON), col(CLASS)).agg(collect_set(col(ITEM)).as(ITEMS));
    Dataset<Row> smallClasses = baskets.groupBy(col(NODE), col(CLASS)).agg(count(lit(1)).as("n"))
        .where(col("n").lt(k)).select(col(NODE), col(CLASS));
    Dataset<Row> out = baskets.join(smallClasses, toSeq(NODE, CLASS), "left_semi").select(col(NODE), col(PERSON));
    if (m == 0) {
      return out.distinct();
    }
    Dataset<Row> tuples = baskets.select(col(NODE), col(PERSON), col(CLASS), col(ITEMS), explode(col(ITEMS)).as(X + 0));
    List<Column> kept = new ArrayList<>(List.of(col(NODE), col(PERSON), col(CLASS), col(ITEMS), col(X + 0)));
    for (int i = 1; i < m; i++) {
      List<Column> select = new ArrayList<>(kept);
      select.add(explode(col(ITEMS)).as(X + i));
      tuples = tuples.select(select.toArray(new Column[0])).where(KmAnonymity.canonical(X, i));
      kept.add(col(X + i));
    }
    String[] keys = new String[m + 2];
    keys[0] = NODE;
    keys[1] = CLASS;
    for (int i = 0; i < m; i++) {
      keys[2 + i] = X + i;
    }
    Column[] keyCols = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keyCols[i] = col(keys[i]);
    }
    Dataset<Row> rare = tuples.groupBy(keyCols).agg(count(lit(1)).as("n")).where(col("n").lt(k)).select(keyCols);
    Dataset<Row> itemViolators = tuples.join(rare, toSeq(keys), "left_semi").select(col(NODE), col(PERSON));
    return out.union(itemViolators).distinct();
  }

  /**
   * Removes rare items from one node's profile rows {@code (person, qi_class, item)} (one per person and distinct item;
   * a person without items has a null item), as {@link PersonProfiles#removeRare} does on the driver: persons of
   * relational classes below k are left aside (they are suppressed anyway and take no part in the counts); then, in
   * rounds until nothing changes (at most {@code maxRounds}), every itemset of at most m of a person's items shared by
   * fewer than k persons of their class loses the item of the itemset that fewest persons of the class have (ties: the
   * smallest value), all of a round's removals together. Each round's remaining profile is checkpointed locally.
   *
   * @return the removed {@code (person, item)} pairs and the rounds taken
   */
  public RareItems removeRareItems(Dataset<Row> profile, int maxRounds) {
    Dataset<Row> classSizes = profile.select(col(PERSON), col(CLASS)).distinct().groupBy(col(CLASS))
        .agg(count(lit(1)).as("n"));
    Dataset<Row> current = profile.join(classSizes.where(col("n").geq(k)).select(col(CLASS)), toSeq(CLASS),
        "left_semi").where(col(ITEM).isNotNull()).select(col(PERSON), col(CLASS), col(ITEM)).distinct()
        .localCheckpoint(true);
    Dataset<Row> removed = null;
    int rounds = 0;
    while (m > 0 && rounds < maxRounds) {
      Dataset<Row> baskets = current.groupBy(col(PERSON), col(CLASS)).agg(collect_set(col(ITEM)).as(ITEMS));
      Dataset<Row> single = current.groupBy(col(CLASS), col(ITEM)).agg(count(lit(1)).as("s"));
      Dataset<Row> tuples = baskets.select(col(PERSON), col(CLASS), col(ITEMS), explode(col(ITEMS)).as(X + 0));
      List<Column> kept = new ArrayList<>(List.of(col(PERSON), col(CLASS), col(ITEMS), col(X + 0)));
      for (int i = 1; i < m; i++) {
        List<Column> select = new ArrayList<>(kept);
        select.add(explode(col(ITEMS)).as(X + i));
        tuples = tuples.select(select.toArray(new Column[0])).where(KmAnonymity.canonical(X, i));
        kept.add(col(X + i));
      }
      String[] keys = new String[m + 1];
      keys[0] = CLASS;
      for (int i = 0; i < m; i++) {
        keys[1 + i] = X + i;
      }
      Column[] keyCols = new Column[keys.length];
      for (int i = 0; i < keys.length; i++) {
        keyCols[i] = col(keys[i]);
      }
      Dataset<Row> rare = tuples.groupBy(keyCols).agg(count(lit(1)).as("n")).where(col("n").lt(k)).select(keyCols);
      Dataset<Row> hits = tuples.join(rare, toSeq(keys), "left_semi");
      Column[] candidates = new Column[m];
      for (int i = 0; i < m; i++) {
        Dataset<Row> si = single.select(col(CLASS), col(ITEM).as(X + i), col("s").as("__s" + i));
        hits = hits.join(si, toSeq(CLASS, X + i));
        candidates[i] = struct(col("__s" + i).as("s"), col(X + i).as("v"));
      }
      Dataset<Row> victims = hits.select(col(PERSON), array_min(array(candidates)).getField("v").as(ITEM))
          .distinct().localCheckpoint(true);
      long count = victims.count();
      if (count == 0) {
        victims.unpersist(false);
        break;
      }
      rounds++;
      Dataset<Row> next = current.join(victims, toSeq(PERSON, ITEM), "left_anti").localCheckpoint(true);
      current.unpersist(false);
      current = next;
      removed = removed == null ? victims : removed.union(victims).localCheckpoint(true);
    }
    current.unpersist(false);
    if (removed == null) {
      removed = profile.sparkSession().createDataFrame(List.of(),
          profile.select(col(PERSON), col(ITEM)).schema());
    }
    return new RareItems(removed, rounds);
  }

  /** The rare items {@link #removeRareItems} removed, {@code (person, item)}, and the rounds it took. */
  public record RareItems(Dataset<Row> removed, int rounds) {}

  /** Violating persons per node (nodes without violators are absent). */
  public Map<Integer, Long> countViolators(Dataset<Row> profiles) {
    Map<Integer, Long> out = new TreeMap<>();
    for (Row r : violators(profiles).groupBy(col(NODE)).count().collectAsList()) {
      out.put(r.getInt(0), r.getLong(1));
    }
    return out;
  }

  private static scala.collection.immutable.Seq<String> toSeq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }
}
