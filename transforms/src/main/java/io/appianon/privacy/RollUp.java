package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rolls a {@link FrequencyTable} up to a node of the lattice on the driver, with integer work only:
 * each QI value is coded, each (QI, level) has a cached array value code to label code, and the
 * classes of a node are found by hashing the label codes of each table row (or by direct indexing
 * when the label space is small).
 *
 * <p>The result is a view held in this object (valid until the next roll-up); an instance is not
 * thread-safe. The constructor checks that every hierarchy is a tree on its domain (the hierarchy's
 * values and the data's): a label at one level must generalize to one label at the next, which
 * monotone pruning relies on.
 */
final class RollUp {
  private static final int DIRECT_LIMIT = 1 << 22;

  final FrequencyTable table;
  final int q;
  final int rows;
  final int s;
  final int[] heights;

  /** gen[a][level][value code] = label code. */
  final int[][][] gen;

  /** labels[a][level][label code] = label. */
  final String[][][] labels;

  private final int[] codes;
  private final long[] baseCounts;
  private final long[] baseSensitive;

  // view of the last roll-up
  int classes;
  final int[] rep;
  final long[] count;
  final long[] sensitive;

  // scratch
  private final int[] keys;
  private int[] direct = new int[0];
  private final int[] hash;
  private final int hashMask;
  private final int[] tuple;

  RollUp(FrequencyTable table) {
    this.table = table;
    this.q = table.qiCount();
    this.rows = table.size();
    this.s = table.sensitiveValues().size();
    this.codes = table.codes();
    this.baseCounts = table.counts();
    this.baseSensitive = table.sensitiveCounts();
    this.heights = new int[q];
    this.gen = new int[q][][];
    this.labels = new String[q][][];
    for (int a = 0; a < q; a++) {
      Hierarchy h = table.qis().get(a).hierarchy();
      checkTree(h, table.domain(a));
      heights[a] = h.height();
      gen[a] = new int[h.height()][];
      labels[a] = new String[h.height()][];
      int d = table.domainSize(a);
      for (int l = 0; l < h.height(); l++) {
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] g = new int[d];
        for (int v = 0; v < d; v++) {
          String label = h.generalize(table.domainValue(a, v), l);
          Integer code = index.get(label);
          if (code == null) {
            code = names.size();
            index.put(label, code);
            names.add(label);
          }
          g[v] = code;
        }
        gen[a][l] = g;
        labels[a][l] = names.toArray(new String[0]);
      }
    }
    this.rep = new int[rows];
    this.count = new long[rows];
    this.sensitive = new long[rows * s];
    this.keys = new int[rows];
    int cap = Integer.highestOneBit(Math.max(16, rows * 2 - 1)) << 1;
    this.hash = new int[cap];
    Arrays.fill(hash, -1);
    this.hashMask = cap - 1;
    this.tuple = new int[q];
  }

  /**
   * A hierarchy must map each label of a level to a single label of the next level, on the union
   * domain.
   */
  static void checkTree(Hierarchy h, List<String> dataDomain) {
    Set<String> domain = new HashSet<>(h.values());
    domain.addAll(dataDomain);
    for (int l = 1; l < h.maxLevel(); l++) {
      Map<String, String> parent = new HashMap<>();
      Map<String, String> example = new HashMap<>();
      for (String v : domain) {
        String child = h.generalize(v, l);
        String up = h.generalize(v, l + 1);
        String prev = parent.putIfAbsent(child, up);
        example.putIfAbsent(child, v);
        if (prev != null && !prev.equals(up)) {
          throw new IllegalArgumentException(
              "Hierarchy '"
                  + h.name()
                  + "' is not a tree: '"
                  + child
                  + "' at level "
                  + l
                  + " generalizes to both '"
                  + prev
                  + "' (value '"
                  + example.get(child)
                  + "') and '"
                  + up
                  + "' (value '"
                  + v
                  + "') at level "
                  + (l + 1));
        }
      }
    }
  }

  int labelCount(int a, int level) {
    return labels[a][level].length;
  }

  /** The label code of attribute a at a level for a table row. */
  int label(int a, int level, int row) {
    return gen[a][level][codes[row * q + a]];
  }

  /**
   * Rolls the table up to a node; afterwards {@link #classes}, {@link #rep}, {@link #count}, {@link
   * #sensitive}. The source is the smallest cached roll-up of a predecessor (componentwise lower
   * levels), or the table: because hierarchies are trees, the classes of a predecessor merge
   * exactly into the classes of the node.
   */
  void rollUp(int[] levels, boolean withSensitive) {
    Snapshot src = null;
    for (Snapshot snap : cache) {
      if (snap != null
          && (snap.sensitive != null || !withSensitive || s == 0)
          && snap.below(levels)
          && (src == null || snap.classes < src.classes)) {
        src = snap;
      }
    }
    long product = 1;
    for (int a = 0; a < q && product <= DIRECT_LIMIT; a++) {
      product *= labels[a][levels[a]].length;
    }
    int n = src == null ? rows : src.classes;
    int[] srcRep = src == null ? null : src.rep;
    long[] srcCount = src == null ? baseCounts : src.count;
    long[] srcSens = src == null ? baseSensitive : src.sensitive;
    boolean sens = withSensitive && s > 0;
    if (product <= DIRECT_LIMIT) {
      rollUpDirect(levels, (int) product, n, srcRep, srcCount, srcSens, sens);
    } else {
      rollUpHashed(levels, n, srcRep, srcCount, srcSens, sens);
    }
    remember(levels, sens);
  }

  /** A cached roll-up. */
  private static final class Snapshot {
    final int[] levels;
    final int classes;
    final int[] rep;
    final long[] count;
    final long[] sensitive;

    Snapshot(int[] levels, int classes, int[] rep, long[] count, long[] sensitive) {
      this.levels = levels;
      this.classes = classes;
      this.rep = rep;
      this.count = count;
      this.sensitive = sensitive;
    }

    boolean below(int[] target) {
      for (int a = 0; a < target.length; a++) {
        if (levels[a] > target[a]) {
          return false;
        }
      }
      return true;
    }
  }

  private static final int CACHE = 8;
  private final Snapshot[] cache = new Snapshot[CACHE];
  private int cacheNext;

  /** Keeps the last roll-up as a source for later ones when it is much smaller than the table. */
  private void remember(int[] levels, boolean sens) {
    if (classes > rows / 2) {
      return;
    }
    for (Snapshot snap : cache) {
      if (snap != null && Arrays.equals(snap.levels, levels) && (snap.sensitive != null || !sens)) {
        return;
      }
    }
    cache[cacheNext] =
        new Snapshot(
            levels.clone(),
            classes,
            Arrays.copyOf(rep, classes),
            Arrays.copyOf(count, classes),
            sens ? Arrays.copyOf(sensitive, classes * s) : null);
    cacheNext = (cacheNext + 1) % CACHE;
  }

  private void rollUpDirect(
      int[] levels,
      int product,
      int rowsIn,
      int[] srcRep,
      long[] srcCount,
      long[] srcSens,
      boolean sens) {
    if (direct.length < product) {
      direct = new int[Math.max(product, Math.min(DIRECT_LIMIT, direct.length * 2))];
      Arrays.fill(direct, -1);
    }
    int[][] g = new int[q][];
    int[] mult = new int[q];
    int m = 1;
    for (int a = 0; a < q; a++) {
      g[a] = gen[a][levels[a]];
      mult[a] = m;
      m *= labels[a][levels[a]].length;
    }
    int n = 0;
    for (int i = 0; i < rowsIn; i++) {
      int row = srcRep == null ? i : srcRep[i];
      int base = row * q;
      int key = 0;
      for (int a = 0; a < q; a++) {
        key += g[a][codes[base + a]] * mult[a];
      }
      int c = direct[key];
      if (c < 0) {
        c = n++;
        direct[key] = c;
        open(c, key, row, sens);
      }
      add(i, c, srcCount, srcSens, sens);
    }
    for (int c = 0; c < n; c++) {
      direct[keys[c]] = -1;
    }
    classes = n;
  }

  private void rollUpHashed(
      int[] levels, int rowsIn, int[] srcRep, long[] srcCount, long[] srcSens, boolean sens) {
    int[][] g = new int[q][];
    for (int a = 0; a < q; a++) {
      g[a] = gen[a][levels[a]];
    }
    int n = 0;
    for (int i = 0; i < rowsIn; i++) {
      int row = srcRep == null ? i : srcRep[i];
      int base = row * q;
      int h = 1;
      for (int a = 0; a < q; a++) {
        int t = g[a][codes[base + a]];
        tuple[a] = t;
        h = h * 31 + t;
      }
      h *= 0x9E3779B9;
      int slot = (h ^ (h >>> 16)) & hashMask;
      int c;
      while (true) {
        c = hash[slot];
        if (c < 0) {
          c = n++;
          hash[slot] = c;
          open(c, slot, row, sens);
          break;
        }
        int r = rep[c] * q;
        boolean same = true;
        for (int a = 0; a < q; a++) {
          if (g[a][codes[r + a]] != tuple[a]) {
            same = false;
            break;
          }
        }
        if (same) {
          break;
        }
        slot = (slot + 1) & hashMask;
      }
      add(i, c, srcCount, srcSens, sens);
    }
    for (int c = 0; c < n; c++) {
      hash[keys[c]] = -1;
    }
    classes = n;
  }

  /**
   * Starts class {@code c} at table position {@code key} with {@code row} as its representative.
   */
  private void open(int c, int key, int row, boolean sens) {
    keys[c] = key;
    rep[c] = row;
    count[c] = 0;
    if (sens) {
      Arrays.fill(sensitive, c * s, c * s + s, 0L);
    }
  }

  /** Adds source class {@code i} (its count and sensitive histogram) to class {@code c}. */
  private void add(int i, int c, long[] srcCount, long[] srcSens, boolean sens) {
    count[c] += srcCount[i];
    if (sens) {
      int from = i * s;
      int to = c * s;
      for (int j = 0; j < s; j++) {
        sensitive[to + j] += srcSens[from + j];
      }
    }
  }
}
