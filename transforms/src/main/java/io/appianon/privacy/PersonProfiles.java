package io.appianon.privacy;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.ObjectIntHashMap;
import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Persons held in memory for the person-level search: each person's relational values (or none) and
 * item values, as read. {@link #violators} counts (k, k^m)-anonymity of relational and transaction
 * data in persons: every combination of a person's relational class with any set of at most m of
 * their items must be shared by at least k persons, and so must the class itself (m = 0); a person
 * with 40 purchase rows counts once (Poulis, Loukides, Gkoulalas-Divanis, Skiadopoulos,
 * "Anonymizing data with relational and transaction attributes", ECML PKDD 2013; the transaction
 * part is k^m-anonymity, Terrovitis, Mamoulis, Kalnis, PVLDB 2008). It counts one candidate
 * generalization: a search evaluates many candidates, and each costs a pass over arrays here where
 * a Spark job of built-ins would explode every person's itemsets into rows. {@link
 * PartitionedProfiles} runs it on Spark, one partition at a time (a partition holds whole
 * relational classes). A test holds the counts equal to a brute force on random data.
 */
public final class PersonProfiles {
  private static final String SEP = "\u001f";
  private static final String NULL = "\u0000";

  private final List<String[]> relational = new ArrayList<>();
  private final List<List<String[]>> items = new ArrayList<>();
  private final List<long[]> rows = new ArrayList<>();

  /**
   * Adds a person: relational values (null: no relational row) and items (each the item columns'
   * values).
   */
  public void add(String[] relationalValues, List<String[]> itemValues) {
    long[] ones = new long[itemValues.size()];
    Arrays.fill(ones, 1);
    add(relationalValues, itemValues, ones);
  }

  /**
   * As {@link #add(String[], List)}, with the number of the item dataset's rows behind each item.
   */
  public void add(String[] relationalValues, List<String[]> itemValues, long[] rowCounts) {
    if (rowCounts.length != itemValues.size()) {
      throw new IllegalArgumentException(
          "Invalid rowCounts: " + rowCounts.length + " counts for " + itemValues.size() + " items");
    }
    relational.add(relationalValues);
    items.add(itemValues);
    rows.add(rowCounts.clone());
  }

  public int size() {
    return relational.size();
  }

  /**
   * The profiles less the given (person index, generalized item) pairs, as {@link #removeRare}
   * names them: a person loses every item value that generalizes, at {@code itemLevels}, to a
   * removed item; a person with no item left keeps their relational values.
   */
  public PersonProfiles without(
      List<Map.Entry<Integer, String>> removed, Hierarchy[] itemHierarchies, int[] itemLevels) {
    Map<Integer, java.util.Set<String>> gone = new HashMap<>();
    removed.forEach(
        e -> gone.computeIfAbsent(e.getKey(), x -> new java.util.HashSet<>()).add(e.getValue()));
    PersonProfiles out = new PersonProfiles();
    for (int p = 0; p < size(); p++) {
      java.util.Set<String> mine = gone.get(p);
      if (mine == null) {
        out.add(relational.get(p), items.get(p), rows.get(p));
        continue;
      }
      List<String[]> kept = new ArrayList<>();
      List<Long> keptRows = new ArrayList<>();
      for (int i = 0; i < items.get(p).size(); i++) {
        if (!mine.contains(generalize(items.get(p).get(i), itemHierarchies, itemLevels))) {
          kept.add(items.get(p).get(i));
          keptRows.add(rows.get(p)[i]);
        }
      }
      out.add(relational.get(p), kept, keptRows.stream().mapToLong(Long::longValue).toArray());
    }
    return out;
  }

  /**
   * Profiles from rows laid out as {@code (person, has_rel, relational values..., has_item, item
   * values..., rows)}: one row per person and item (a person without items has one row with {@code
   * has_item} false or null), the values strings. {@code ids} receives each profile's person, in
   * order.
   */
  public static PersonProfiles fromRows(
      java.util.Iterator<org.apache.spark.sql.Row> in,
      int relCount,
      int itemCount,
      List<Object> ids) {
    Map<Object, String[]> relOf = new HashMap<>();
    Map<Object, List<String[]>> itemsOf = new java.util.LinkedHashMap<>();
    Map<Object, List<Long>> rowsOf = new HashMap<>();
    while (in.hasNext()) {
      org.apache.spark.sql.Row r = in.next();
      Object person = r.get(0);
      List<String[]> mine = itemsOf.computeIfAbsent(person, x -> new ArrayList<>());
      List<Long> counts = rowsOf.computeIfAbsent(person, x -> new ArrayList<>());
      if (!r.isNullAt(1) && r.getBoolean(1)) {
        String[] v = new String[relCount];
        for (int a = 0; a < relCount; a++) {
          v[a] = r.isNullAt(2 + a) ? null : r.getString(2 + a);
        }
        relOf.put(person, v);
      }
      int at = 2 + relCount;
      if (!r.isNullAt(at) && r.getBoolean(at)) {
        String[] v = new String[itemCount];
        for (int a = 0; a < itemCount; a++) {
          v[a] = r.isNullAt(at + 1 + a) ? null : r.getString(at + 1 + a);
        }
        mine.add(v);
        counts.add(r.isNullAt(at + 1 + itemCount) ? 1L : r.getLong(at + 1 + itemCount));
      }
    }
    PersonProfiles out = new PersonProfiles();
    itemsOf.forEach(
        (person, mine) -> {
          out.add(
              relOf.get(person),
              mine,
              rowsOf.get(person).stream().mapToLong(Long::longValue).toArray());
          ids.add(person);
        });
    return out;
  }

  /**
   * The number of persons who violate (k, k^m)-anonymity when the relational values are generalized
   * to {@code relLevels} along {@code relHierarchies} and the item values to {@code itemLevels}
   * along {@code itemHierarchies}.
   */
  public long violators(
      int k,
      int m,
      Hierarchy[] relHierarchies,
      int[] relLevels,
      Hierarchy[] itemHierarchies,
      int[] itemLevels) {
    long violating = 0;
    for (boolean bad : violating(k, m, relHierarchies, relLevels, itemHierarchies, itemLevels)) {
      violating += bad ? 1 : 0;
    }
    return violating;
  }

  /**
   * Which persons violate, as {@link #violators} counts them: one flag per person, in the order
   * they were added.
   */
  public boolean[] violating(
      int k,
      int m,
      Hierarchy[] relHierarchies,
      int[] relLevels,
      Hierarchy[] itemHierarchies,
      int[] itemLevels) {
    int n = size();
    NodeCodes codes = codes(relHierarchies, relLevels, itemHierarchies, itemLevels);
    int[] classes = codes.classes();
    int[][] baskets = new int[n][];
    for (int p = 0; p < n; p++) {
      baskets[p] = Arrays.stream(codes.items()[p]).sorted().distinct().toArray();
    }
    boolean packed = packs(m, codes.classCount(), codes.itemNames().length);
    Support support = new Support(packed);
    boolean[] violating = new boolean[n];
    // Class by class: an itemset's support counts the persons of one class, so each class needs
    // only its own small map (one map for the whole partition held millions of keys, and its
    // lookups missed the CPU caches).
    for (int[] members : byClass(classes, codes.classCount())) {
      if (members.length < k) {
        for (int p : members) {
          violating[p] = true;
        }
        continue;
      }
      support.clear();
      for (int p : members) {
        forEachSubset(
            baskets[p], m, classes[p], packed, (key, name, set, size) -> support.add(key, name));
      }
      for (int p : members) {
        boolean[] bad = {false};
        forEachSubset(
            baskets[p],
            m,
            classes[p],
            packed,
            (key, name, set, size) -> bad[0] |= support.get(key, name) < k);
        violating[p] = bad[0];
      }
    }
    return violating;
  }

  /**
   * What removing rare items does at one node ({@link PartitionedProfiles#apply} runs it on Spark):
   * persons in a relational class of fewer than k persons are left for suppression; then, in rounds
   * until nothing changes, every itemset of at most m of a person's remaining items shared by fewer
   * than k persons (of their class) loses one item, the one of the itemset that fewest persons of
   * the class have (ties: the smallest value), and all the round's removals happen together.
   * Supports count persons of one class, so the classes go through their rounds one after the
   * other; {@link Removal#rounds} is the most rounds a class took.
   *
   * @param removedItems the removed (person index, generalized item) pairs, or null when not needed
   */
  public Removal removeRare(
      int k,
      int m,
      Hierarchy[] relHierarchies,
      int[] relLevels,
      Hierarchy[] itemHierarchies,
      int[] itemLevels,
      List<Map.Entry<Integer, String>> removedItems) {
    int n = size();
    NodeCodes codes = codes(relHierarchies, relLevels, itemHierarchies, itemLevels);
    int[] classes = codes.classes();
    String[] itemNames = codes.itemNames();
    // each person's distinct generalized items, ascending, with the item dataset's rows behind each
    int[][] basket = new int[n][];
    long[][] basketRows = new long[n][];
    long totalRows = 0;
    for (int p = 0; p < n; p++) {
      int[] mine = codes.items()[p];
      Integer[] order = new Integer[mine.length];
      for (int i = 0; i < mine.length; i++) {
        order[i] = i;
        totalRows += rows.get(p)[i];
      }
      Arrays.sort(order, (x, y) -> Integer.compare(mine[x], mine[y]));
      int[] b = new int[mine.length];
      long[] r = new long[mine.length];
      int len = 0;
      for (int i : order) {
        if (len > 0 && b[len - 1] == mine[i]) {
          r[len - 1] += rows.get(p)[i];
        } else {
          b[len] = mine[i];
          r[len++] = rows.get(p)[i];
        }
      }
      basket[p] = Arrays.copyOf(b, len);
      basketRows[p] = Arrays.copyOf(r, len);
    }
    long smallPersons = 0;
    long removedRows = 0;
    long removedPairs = 0;
    int rounds = 0;
    boolean packed = packs(m, codes.classCount(), itemNames.length);
    Support support = new Support(packed);
    LongIntHashMap single = new LongIntHashMap();
    for (int[] members : byClass(classes, codes.classCount())) {
      if (members.length < k) {
        smallPersons += members.length;
        continue;
      }
      for (int round = 1; m > 0; round++) {
        support.clear();
        Support.clear(single);
        for (int p : members) {
          forEachSubset(
              basket[p], m, classes[p], packed, (key, name, set, size) -> support.add(key, name));
          for (int i : basket[p]) {
            single.addTo(i, 1);
          }
        }
        List<int[]> removals = new ArrayList<>(); // (person, item)
        for (int p : members) {
          java.util.BitSet victims = new java.util.BitSet();
          forEachSubset(
              basket[p],
              m,
              classes[p],
              packed,
              (key, name, set, size) -> {
                if (support.get(key, name) < k) {
                  int victim = set[0];
                  for (int j = 1; j < size; j++) {
                    int a = set[j];
                    int sa = single.get(a);
                    int sv = single.get(victim);
                    if (sa < sv || (sa == sv && itemNames[a].compareTo(itemNames[victim]) < 0)) {
                      victim = a;
                    }
                  }
                  victims.set(victim);
                }
              });
          for (int v = victims.nextSetBit(0); v >= 0; v = victims.nextSetBit(v + 1)) {
            removals.add(new int[] {p, v});
          }
        }
        if (removals.isEmpty()) {
          break;
        }
        rounds = Math.max(rounds, round);
        for (int[] r : removals) {
          removedRows += remove(basket, basketRows, r[0], r[1]);
          removedPairs++;
          if (removedItems != null) {
            removedItems.add(Map.entry(r[0], itemNames[r[1]]));
          }
        }
      }
    }
    return new Removal(smallPersons, removedPairs, removedRows, totalRows, rounds);
  }

  /**
   * The decisions at one node ({@link PartitionedProfiles#apply}): the removed (person index,
   * generalized item) pairs and the suppressed persons' indexes, in the order they were decided.
   */
  public record Settled(List<Map.Entry<Integer, String>> removedItems, List<Integer> suppressed) {}

  /**
   * Decides one node until the persons left hold the model: with {@code removal}, the rare items go
   * first ({@link #removeRare}); then the persons still violating are suppressed, and when removing
   * them can make others violate (without removal their classes keep other persons; a person left
   * with neither a relational row nor an item leaves the release and their class), the rest is
   * decided again. Each class settles on its own (supports count persons of one class), so the
   * release stage needs to check again only the classes a dataset's own models change later.
   */
  public Settled settle(
      int k,
      int m,
      Hierarchy[] relHierarchies,
      int[] relLevels,
      Hierarchy[] itemHierarchies,
      int[] itemLevels,
      boolean removal) {
    List<Map.Entry<Integer, String>> removedItems = new ArrayList<>();
    List<Integer> suppressed = new ArrayList<>();
    PersonProfiles left = this;
    int[] index = new int[size()];
    for (int p = 0; p < index.length; p++) {
      index[p] = p;
    }
    while (left.size() > 0) {
      if (removal && m > 0) {
        List<Map.Entry<Integer, String>> removed = new ArrayList<>();
        left.removeRare(k, m, relHierarchies, relLevels, itemHierarchies, itemLevels, removed);
        for (Map.Entry<Integer, String> e : removed) {
          removedItems.add(Map.entry(index[e.getKey()], e.getValue()));
        }
        left = left.without(removed, itemHierarchies, itemLevels);
      }
      boolean[] bad = left.violating(k, m, relHierarchies, relLevels, itemHierarchies, itemLevels);
      boolean[] gone = new boolean[bad.length];
      boolean again = false;
      for (int p = 0; p < bad.length; p++) {
        if (bad[p]) {
          suppressed.add(index[p]);
          gone[p] = true;
          again |= !removal || m == 0;
        } else if (left.relational.get(p) == null
            && left.items.get(p).isEmpty()
            && !items.get(index[p]).isEmpty()) {
          gone[p] = true; // every item removed and no relational row: no longer in the release
          again = true;
        }
      }
      if (!again) {
        break;
      }
      PersonProfiles kept = new PersonProfiles();
      int[] keptIndex = new int[bad.length];
      int n = 0;
      for (int p = 0; p < bad.length; p++) {
        if (!gone[p]) {
          kept.add(left.relational.get(p), left.items.get(p), left.rows.get(p));
          keptIndex[n++] = index[p];
        }
      }
      left = kept;
      index = Arrays.copyOf(keptIndex, n);
    }
    return new Settled(removedItems, suppressed);
  }

  /** Removes {@code item} from person {@code p}'s basket; returns the rows it stood for. */
  private static long remove(int[][] basket, long[][] basketRows, int p, int item) {
    int at = Arrays.binarySearch(basket[p], item);
    long gone = basketRows[p][at];
    int[] b = new int[basket[p].length - 1];
    long[] r = new long[b.length];
    System.arraycopy(basket[p], 0, b, 0, at);
    System.arraycopy(basket[p], at + 1, b, at, b.length - at);
    System.arraycopy(basketRows[p], 0, r, 0, at);
    System.arraycopy(basketRows[p], at + 1, r, at, r.length - at);
    basket[p] = b;
    basketRows[p] = r;
    return gone;
  }

  /**
   * The persons of each class (person indexes ascending within a class), by a counting sort of
   * their class codes.
   */
  private static int[][] byClass(int[] classes, int classCount) {
    int[] size = new int[classCount];
    for (int c : classes) {
      size[c]++;
    }
    int[][] out = new int[classCount][];
    for (int c = 0; c < classCount; c++) {
      out[c] = new int[size[c]];
    }
    int[] at = new int[classCount];
    for (int p = 0; p < classes.length; p++) {
      out[classes[p]][at[classes[p]]++] = p;
    }
    return out;
  }

  /**
   * The outcome of {@link #removeRare}: persons still violating (those of relational classes below
   * k), removed (person, item) pairs and the item dataset's rows behind them, of {@code totalRows},
   * and the rounds taken.
   */
  public record Removal(
      long violators, long removedPairs, long removedRows, long totalRows, int rounds) {
    /** The share of the item dataset's rows removed. */
    public double removedShare() {
      return totalRows == 0 ? 0.0 : (double) removedRows / totalRows;
    }
  }

  /**
   * Visits an itemset: its key (a packed long, or 0 and a string when the codes do not fit) and its
   * items.
   */
  private interface SubsetVisitor {
    void visit(long key, String name, int[] set, int size);
  }

  /** Persons per itemset key, in primitive maps (the hot loop of every count). */
  private static final class Support {
    private static final int LARGE = 1 << 16;
    private final LongIntHashMap packed;
    private final ObjectIntHashMap<String> named;

    Support(boolean packed) {
      this.packed = packed ? new LongIntHashMap() : null;
      this.named = packed ? null : new ObjectIntHashMap<>();
    }

    void add(long key, String name) {
      if (packed != null) {
        packed.addTo(key, 1);
      } else {
        named.addTo(name, 1);
      }
    }

    int get(long key, String name) {
      return packed != null ? packed.get(key) : named.get(name);
    }

    /**
     * Empties the map for the next class; a large one is dropped, as clearing costs its whole
     * capacity.
     */
    void clear() {
      if (packed != null) {
        clear(packed);
      } else if (named.size() > LARGE) {
        named.release();
      } else {
        named.clear();
      }
    }

    static void clear(LongIntHashMap map) {
      if (map.size() > LARGE) {
        map.release();
      } else {
        map.clear();
      }
    }
  }

  /**
   * Whether an itemset's key fits in a long: at most two items, class and item codes below 2^21.
   */
  private static boolean packs(int m, int classes, int items) {
    return m <= 2 && classes < (1 << 21) && items < (1 << 21);
  }

  /**
   * Calls {@code v} with every itemset of size 1..m of a sorted basket (items in ascending order),
   * its key with the class (a long when {@code packed}, else a string) and its items (the array is
   * reused: read it during the call).
   */
  private static void forEachSubset(int[] basket, int m, int cls, boolean packed, SubsetVisitor v) {
    visit(basket, m, 0, new int[m], 0, cls, packed, v);
  }

  private static void visit(
      int[] basket,
      int m,
      int from,
      int[] chosen,
      int size,
      int cls,
      boolean packed,
      SubsetVisitor v) {
    if (size == m) {
      return;
    }
    for (int i = from; i < basket.length; i++) {
      chosen[size] = basket[i];
      if (packed) {
        v.visit(
            ((long) cls << 42) | ((long) (chosen[0] + 1) << 21) | (size >= 1 ? chosen[1] + 1 : 0),
            null,
            chosen,
            size + 1);
      } else {
        StringBuilder b = new StringBuilder().append(cls);
        for (int j = 0; j <= size; j++) {
          b.append(',').append(chosen[j]);
        }
        v.visit(0, b.toString(), chosen, size + 1);
      }
      visit(basket, m, i + 1, chosen, size + 1, cls, packed, v);
    }
  }

  /**
   * One node's codes: each person's relational class (one int per distinct class; persons without a
   * relational row share one), each of their items' generalized item (one int per distinct item, in
   * the order of {@link #items}), and each item code's name (the generalized values joined by
   * U+001F, a null as U+0000).
   */
  private record NodeCodes(int[] classes, int classCount, int[][] items, String[] itemNames) {}

  /**
   * The distinct values of each attribute, coded once: {@code relCodes[p][a]} / {@code
   * itemCodes[p][i][a]} index {@code relValues[a]} / {@code itemValues[a]}. A node then generalizes
   * each distinct value once instead of every person's.
   */
  private record Dictionary(
      List<String>[] relValues, int[][] relCodes, List<String>[] itemValues, int[][][] itemCodes) {}

  private Dictionary dictionary;

  private Dictionary dictionary() {
    if (dictionary != null && dictionary.relCodes().length == size()) {
      return dictionary;
    }
    int n = size();
    int ra = 0;
    int ia = 0;
    for (int p = 0; p < n && (ra == 0 || ia == 0); p++) {
      ra = relational.get(p) != null ? relational.get(p).length : ra;
      ia = items.get(p).isEmpty() ? ia : items.get(p).get(0).length;
    }
    List<String>[] relValues = lists(ra);
    List<Map<String, Integer>> relIndex = indexes(ra);
    List<String>[] itemValues = lists(ia);
    List<Map<String, Integer>> itemIndex = indexes(ia);
    int[][] relCodes = new int[n][];
    int[][][] itemCodes = new int[n][][];
    for (int p = 0; p < n; p++) {
      String[] r = relational.get(p);
      relCodes[p] = r == null ? null : code(r, relValues, relIndex);
      List<String[]> mine = items.get(p);
      itemCodes[p] = new int[mine.size()][];
      for (int i = 0; i < mine.size(); i++) {
        itemCodes[p][i] = code(mine.get(i), itemValues, itemIndex);
      }
    }
    dictionary = new Dictionary(relValues, relCodes, itemValues, itemCodes);
    return dictionary;
  }

  @SuppressWarnings("unchecked")
  private static List<String>[] lists(int n) {
    List<String>[] out = new List[n];
    for (int a = 0; a < n; a++) {
      out[a] = new ArrayList<>();
    }
    return out;
  }

  private static List<Map<String, Integer>> indexes(int n) {
    List<Map<String, Integer>> out = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      out.add(new HashMap<>());
    }
    return out;
  }

  private static int[] code(
      String[] values, List<String>[] dict, List<Map<String, Integer>> index) {
    int[] out = new int[values.length];
    for (int a = 0; a < values.length; a++) {
      List<String> d = dict[a];
      String value = values[a];
      out[a] =
          index
              .get(a)
              .computeIfAbsent(
                  value == null ? NULL : value,
                  v -> {
                    d.add(value);
                    return d.size() - 1;
                  });
    }
    return out;
  }

  /**
   * Each distinct value of each attribute generalized once to its level: {@code labels[a][v]} is
   * the code of value {@code v}'s label among attribute a's labels at the level, {@code names[a]}
   * the labels (null kept as null).
   */
  private static int[][] labels(
      List<String>[] values, Hierarchy[] hierarchies, int[] levels, List<List<String>> names) {
    int[][] out = new int[values.length][];
    for (int a = 0; a < values.length; a++) {
      Map<String, Integer> index = new HashMap<>();
      List<String> mine = new ArrayList<>();
      out[a] = new int[values[a].size()];
      for (int v = 0; v < values[a].size(); v++) {
        String label = hierarchies[a].generalize(values[a].get(v), levels[a]);
        out[a][v] =
            index.computeIfAbsent(
                label == null ? NULL : label,
                x -> {
                  mine.add(label);
                  return mine.size() - 1;
                });
      }
      names.add(mine);
    }
    return out;
  }

  private NodeCodes codes(
      Hierarchy[] relHierarchies, int[] relLevels, Hierarchy[] itemHierarchies, int[] itemLevels) {
    Dictionary d = dictionary();
    int n = size();
    List<List<String>> relNames = new ArrayList<>();
    int[][] relLabels = labels(d.relValues(), relHierarchies, relLevels, relNames);
    List<List<String>> itemLabelNames = new ArrayList<>();
    int[][] itemLabels = labels(d.itemValues(), itemHierarchies, itemLevels, itemLabelNames);
    // a combination of labels as one long (mixed radix over the attributes' label counts) when the
    // product of the counts fits, else as a string; then one int per distinct combination
    boolean relFits = fits(relNames);
    int[] classes = new int[n];
    Map<Object, Integer> classIndex = new HashMap<>();
    for (int p = 0; p < n; p++) {
      int[] r = d.relCodes()[p];
      int[] lab = new int[r == null ? 0 : r.length];
      for (int a = 0; a < lab.length; a++) {
        lab[a] = relLabels[a][r[a]];
      }
      Object key = r == null ? "none" : combination(lab, relNames, relFits);
      classes[p] = classIndex.computeIfAbsent(key, x -> classIndex.size());
    }
    boolean itemFits = fits(itemLabelNames);
    int[][] itemCodes = new int[n][];
    Map<Object, Integer> itemIndex = new HashMap<>();
    List<int[]> firstOf = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      int[][] mine = d.itemCodes()[p];
      itemCodes[p] = new int[mine.length];
      for (int i = 0; i < mine.length; i++) {
        int[] lab = new int[mine[i].length];
        for (int a = 0; a < mine[i].length; a++) {
          lab[a] = itemLabels[a][mine[i][a]];
        }
        itemCodes[p][i] =
            itemIndex.computeIfAbsent(
                combination(lab, itemLabelNames, itemFits),
                x -> {
                  firstOf.add(lab);
                  return firstOf.size() - 1;
                });
      }
    }
    String[] names = new String[firstOf.size()];
    for (int c = 0; c < names.length; c++) {
      int[] lab = firstOf.get(c);
      String[] parts = new String[lab.length];
      for (int a = 0; a < lab.length; a++) {
        String v = itemLabelNames.get(a).get(lab[a]);
        parts[a] = v == null ? NULL : v;
      }
      names[c] = String.join(SEP, parts);
    }
    return new NodeCodes(classes, classIndex.size(), itemCodes, names);
  }

  /** Whether every combination of the attributes' labels numbers below 2^62. */
  private static boolean fits(List<List<String>> names) {
    double product = 1;
    for (List<String> n : names) {
      product *= Math.max(1, n.size());
    }
    return product < 0x1p62;
  }

  /**
   * A combination of label codes as one key: a long in mixed radix when it fits, else the codes as
   * a string.
   */
  private static Object combination(int[] labels, List<List<String>> names, boolean fits) {
    if (fits) {
      long key = 0;
      for (int a = 0; a < labels.length; a++) {
        key = key * names.get(a).size() + labels[a];
      }
      return key;
    }
    return Arrays.toString(labels);
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
