package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The persons of a small release held on the driver, for the person-level search: each person's relational values
 * (or none) and item values, as read. {@link #violators} counts what {@link PersonLevelAnonymity} counts on Spark,
 * for one candidate generalization, in memory: a search evaluates many candidates, and for a release of some
 * thousand persons a Spark job per candidate costs seconds where this costs milliseconds. A test holds the two
 * counts equal on random data.
 */
public final class PersonProfiles {
  private static final String SEP = "\u001f";
  private static final String NULL = "\u0000";

  private final List<String[]> relational = new ArrayList<>();
  private final List<List<String[]>> items = new ArrayList<>();

  /** Adds a person: relational values (null: no relational row) and items (each the item columns' values). */
  public void add(String[] relationalValues, List<String[]> itemValues) {
    relational.add(relationalValues);
    items.add(itemValues);
  }

  public int size() {
    return relational.size();
  }

  /**
   * The number of persons who violate (k, k^m)-anonymity when the relational values are generalized to {@code
   * relLevels} along {@code relHierarchies} and the item values to {@code itemLevels} along {@code itemHierarchies}.
   */
  public long violators(int k, int m, Hierarchy[] relHierarchies, int[] relLevels, Hierarchy[] itemHierarchies,
      int[] itemLevels) {
    int n = size();
    // Codes: one int per distinct relational class and per distinct generalized item of this node.
    Map<String, Integer> classCodes = new HashMap<>();
    Map<String, Integer> itemCodes = new HashMap<>();
    int[] classes = new int[n];
    int[][] baskets = new int[n][];
    for (int p = 0; p < n; p++) {
      classes[p] = classCodes.computeIfAbsent(key(relational.get(p), relHierarchies, relLevels),
          x -> classCodes.size());
      TreeSet<Integer> basket = new TreeSet<>();
      for (String[] it : items.get(p)) {
        basket.add(itemCodes.computeIfAbsent(generalize(it, itemHierarchies, itemLevels), x -> itemCodes.size()));
      }
      baskets[p] = basket.stream().mapToInt(Integer::intValue).toArray();
    }
    int[] classSize = new int[classCodes.size()];
    for (int c : classes) {
      classSize[c]++;
    }
    // An itemset of size <= m with its class, as one key: class and item codes of 21 bits each when they fit in a
    // long (m <= 2), else a string.
    boolean packed = m <= 2 && classCodes.size() < (1 << 21) && itemCodes.size() < (1 << 21);
    Map<Object, Integer> support = new HashMap<>();
    List<List<Object>> keys = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      List<Object> mine = new ArrayList<>();
      subsets(baskets[p], m, 0, new int[m], 0, classes[p], packed, mine);
      for (Object key : mine) {
        support.merge(key, 1, Integer::sum);
      }
      keys.add(mine);
    }
    long violating = 0;
    for (int p = 0; p < n; p++) {
      boolean bad = classSize[classes[p]] < k;
      for (int i = 0; !bad && i < keys.get(p).size(); i++) {
        bad = support.get(keys.get(p).get(i)) < k;
      }
      if (bad) {
        violating++;
      }
    }
    return violating;
  }

  /** Every itemset of size 1..m of a sorted basket, with the class, as keys (items in ascending order). */
  private static void subsets(int[] basket, int m, int from, int[] chosen, int size, int cls, boolean packed,
      List<Object> out) {
    if (size == m) {
      return;
    }
    for (int i = from; i < basket.length; i++) {
      chosen[size] = basket[i];
      if (packed) {
        long key = ((long) cls << 42) | ((long) (chosen[0] + 1) << 21) | (size >= 1 ? chosen[1] + 1 : 0);
        out.add(key);
      } else {
        StringBuilder b = new StringBuilder().append(cls);
        for (int j = 0; j <= size; j++) {
          b.append(',').append(chosen[j]);
        }
        out.add(b.toString());
      }
      subsets(basket, m, i + 1, chosen, size + 1, cls, packed, out);
    }
  }

  private static String key(String[] values, Hierarchy[] hierarchies, int[] levels) {
    if (values == null) {
      return "(none)";
    }
    return "R" + generalize(values, hierarchies, levels);
  }

  private static String generalize(String[] values, Hierarchy[] hierarchies, int[] levels) {
    String[] out = new String[values.length];
    for (int a = 0; a < values.length; a++) {
      String v = hierarchies[a].generalize(values[a], levels[a]);
      out[a] = v == null ? NULL : v;
    }
    return String.join(SEP, Arrays.asList(out));
  }
}
