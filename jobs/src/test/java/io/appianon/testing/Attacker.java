package io.appianon.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An attacker's view of a published release, written for the tests from the definition and nothing
 * of the product's: reads the Parquet back, joins survey-like and purchase-like datasets on the
 * person's pseudonym, and lists the persons whose published quasi-identifiers together with some
 * set of at most m of their items are shared by fewer than k persons.
 */
public final class Attacker {
  /**
   * The joined persons: class (relational values as published, "none" without a relational row) and
   * item set.
   */
  public final Map<String, String> classOf = new HashMap<>();

  public final Map<String, Set<String>> itemsOf = new HashMap<>();

  public Attacker(
      SparkSession spark,
      Path release,
      String relational,
      String relPerson,
      List<String> qis,
      String itemDataset,
      String itemPerson,
      List<String> itemCols) {
    Column[] q = qis.stream().map(c -> col(c)).toArray(Column[]::new);
    for (Row r :
        spark
            .read()
            .parquet(release.resolve(relational).toString())
            .select(col(relPerson), to_json(struct(q)))
            .collectAsList()) {
      classOf.put(r.getString(0), r.getString(1));
      itemsOf.putIfAbsent(r.getString(0), new TreeSet<>());
    }
    Column[] ic = itemCols.stream().map(c -> col(c).cast("string")).toArray(Column[]::new);
    for (Row r :
        spark
            .read()
            .parquet(release.resolve(itemDataset).toString())
            .select(col(itemPerson), concat_ws(" / ", ic))
            .collectAsList()) {
      classOf.putIfAbsent(r.getString(0), "none");
      itemsOf.computeIfAbsent(r.getString(0), x -> new TreeSet<>()).add(r.getString(1));
    }
  }

  /**
   * The persons singled out under (k, k^m): a class, or a class with up to m of the person's items,
   * below k.
   */
  public Set<String> singledOut(int k, int m) {
    Map<String, Integer> support = new HashMap<>();
    Map<String, List<String>> keys = new HashMap<>();
    for (String p : classOf.keySet()) {
      List<String> mine = new ArrayList<>();
      mine.add(classOf.get(p));
      List<String> items = new ArrayList<>(itemsOf.get(p));
      addSubsets(classOf.get(p), items, 0, m, mine);
      for (String key : mine) {
        support.merge(key, 1, Integer::sum);
      }
      keys.put(p, mine);
    }
    Set<String> out = new HashSet<>();
    keys.forEach(
        (p, mine) -> {
          if (mine.stream().anyMatch(key -> support.get(key) < k)) {
            out.add(p);
          }
        });
    return out;
  }

  /** The persons whose class and whole item set are shared by no one else. */
  public long uniqueUnderFullKnowledge() {
    Map<String, Integer> n = new HashMap<>();
    classOf.forEach((p, c) -> n.merge(c + "|" + itemsOf.get(p), 1, Integer::sum));
    return n.values().stream().filter(v -> v == 1).count();
  }

  private static void addSubsets(
      String prefix, List<String> items, int from, int left, List<String> out) {
    if (left == 0) {
      return;
    }
    for (int i = from; i < items.size(); i++) {
      String key = prefix + "|" + items.get(i);
      out.add(key);
      addSubsets(key, items, i + 1, left - 1, out);
    }
  }
}
