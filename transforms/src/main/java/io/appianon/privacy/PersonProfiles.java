package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  private final List<long[]> rows = new ArrayList<>();

  /** Adds a person: relational values (null: no relational row) and items (each the item columns' values). */
  public void add(String[] relationalValues, List<String[]> itemValues) {
    long[] ones = new long[itemValues.size()];
    Arrays.fill(ones, 1);
    add(relationalValues, itemValues, ones);
  }

  /** As {@link #add(String[], List)}, with the number of the item dataset's rows behind each item. */
  public void add(String[] relationalValues, List<String[]> itemValues, long[] rowCounts) {
    if (rowCounts.length != itemValues.size()) {
      throw new IllegalArgumentException("Invalid rowCounts: " + rowCounts.length + " counts for "
          + itemValues.size() + " items");
    }
    relational.add(relationalValues);
    items.add(itemValues);
    rows.add(rowCounts.clone());
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

  /**
   * What removing rare items does at one node ({@link PersonLevelAnonymity#removeRareItems} on Spark does the same):
   * persons in a relational class of fewer than k persons are left for suppression; then, in rounds until nothing
   * changes, every itemset of at most m of a person's remaining items shared by fewer than k persons (of their class)
   * loses one item, the one of the itemset that fewest persons of the class have (ties: the smallest value), and all
   * the round's removals happen together.
   *
   * @param removedItems the removed (person index, generalized item) pairs, or null when not needed
   */
  public Removal removeRare(int k, int m, Hierarchy[] relHierarchies, int[] relLevels, Hierarchy[] itemHierarchies,
      int[] itemLevels, List<Map.Entry<Integer, String>> removedItems) {
    int n = size();
    Map<String, Integer> classCodes = new HashMap<>();
    Map<String, Integer> itemCodes = new HashMap<>();
    List<String> itemNames = new ArrayList<>();
    int[] classes = new int[n];
    List<TreeMap<Integer, Long>> baskets = new ArrayList<>(n);
    long totalRows = 0;
    for (int p = 0; p < n; p++) {
      classes[p] = classCodes.computeIfAbsent(key(relational.get(p), relHierarchies, relLevels),
          x -> classCodes.size());
      TreeMap<Integer, Long> basket = new TreeMap<>();
      List<String[]> mine = items.get(p);
      for (int i = 0; i < mine.size(); i++) {
        String name = generalize(mine.get(i), itemHierarchies, itemLevels);
        int code = itemCodes.computeIfAbsent(name, x -> {
          itemNames.add(x);
          return itemCodes.size();
        });
        basket.merge(code, rows.get(p)[i], Long::sum);
        totalRows += rows.get(p)[i];
      }
      baskets.add(basket);
    }
    int[] classSize = new int[classCodes.size()];
    for (int c : classes) {
      classSize[c]++;
    }
    boolean[] small = new boolean[n];
    long smallPersons = 0;
    for (int p = 0; p < n; p++) {
      small[p] = classSize[classes[p]] < k;
      smallPersons += small[p] ? 1 : 0;
    }
    long removedRows = 0;
    long removedPairs = 0;
    int rounds = 0;
    while (m > 0) {
      Map<Object, Integer> support = new HashMap<>();
      Map<Long, Integer> single = new HashMap<>();
      for (int p = 0; p < n; p++) {
        if (small[p]) {
          continue;
        }
        int[] b = baskets.get(p).keySet().stream().mapToInt(Integer::intValue).toArray();
        forEachSubset(b, m, classes[p], (key, set, size) -> support.merge(key, 1, Integer::sum));
        for (int i : b) {
          single.merge(((long) classes[p] << 32) | i, 1, Integer::sum);
        }
      }
      List<int[]> removals = new ArrayList<>(); // (person, item)
      for (int person = 0; person < n; person++) {
        final int p = person;
        if (small[p]) {
          continue;
        }
        int cls = classes[p];
        int[] b = baskets.get(p).keySet().stream().mapToInt(Integer::intValue).toArray();
        TreeSet<Integer> victims = new TreeSet<>();
        forEachSubset(b, m, cls, (key, set, size) -> {
          if (support.get(key) < k) {
            int victim = set[0];
            for (int j = 1; j < size; j++) {
              int a = set[j];
              int sa = single.get(((long) cls << 32) | a);
              int sv = single.get(((long) cls << 32) | victim);
              if (sa < sv || (sa == sv && itemNames.get(a).compareTo(itemNames.get(victim)) < 0)) {
                victim = a;
              }
            }
            victims.add(victim);
          }
        });
        victims.forEach(v -> removals.add(new int[] {p, v}));
      }
      if (removals.isEmpty()) {
        break;
      }
      rounds++;
      for (int[] r : removals) {
        removedRows += baskets.get(r[0]).remove(r[1]);
        removedPairs++;
        if (removedItems != null) {
          removedItems.add(Map.entry(r[0], itemNames.get(r[1])));
        }
      }
    }
    return new Removal(smallPersons, removedPairs, removedRows, totalRows, rounds);
  }

  /**
   * The outcome of {@link #removeRare}: persons still violating (those of relational classes below k), removed
   * (person, item) pairs and the item dataset's rows behind them, of {@code totalRows}, and the rounds taken.
   */
  public record Removal(long violators, long removedPairs, long removedRows, long totalRows, int rounds) {
    /** The share of the item dataset's rows removed. */
    public double removedShare() {
      return totalRows == 0 ? 0.0 : (double) removedRows / totalRows;
    }
  }

  private interface SubsetVisitor {
    void visit(Object key, int[] set, int size);
  }

  /** Calls {@code v} with every itemset of size 1..m of a sorted basket, its key (with the class) and its items. */
  private static void forEachSubset(int[] basket, int m, int cls, SubsetVisitor v) {
    List<Object> keys = new ArrayList<>();
    subsets(basket, m, 0, new int[m], 0, cls, false, keys);
    // keys are "cls,i,j,..." strings: parse the items back (cheap next to the hashing, and one enumeration rule)
    int[] set = new int[m];
    for (Object key : keys) {
      String[] parts = ((String) key).split(",");
      for (int j = 1; j < parts.length; j++) {
        set[j - 1] = Integer.parseInt(parts[j]);
      }
      v.visit(key, set, parts.length - 1);
    }
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
