package io.appianon.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact optimal full-domain generalization: finds, among the level vectors whose equivalence
 * classes satisfy all privacy models within the suppression limit, the one minimizing the objective
 * (ties: lower sum of levels, then lexicographic). Nodes are assessed by rolling the {@link
 * FrequencyTable} up on the driver.
 *
 * <p>The search has two phases.
 *
 * <ol>
 *   <li><b>Predictive tagging</b> (as in Flash, F. Kohlmayer et al., "Flash: efficient, stable and
 *       optimal k-anonymity", PASSAT 2012, and OLA, K. El Emam et al., "A globally optimal
 *       k-anonymity method for the de-identification of health data", JAMIA 16(5), 2009): the
 *       predicate "records suppressed by the monotone models at most the limit" is monotone over
 *       the lattice (see {@link ModelSet}), so each assessment tags all successors (when it holds)
 *       or all predecessors (when it does not). Paths from the lowest untagged node upwards are
 *       binary-searched until every node is tagged. When every model is monotone for the limit
 *       (e.g. k-anonymity and distinct l-diversity with any limit, or monotone models at 0 %), this
 *       tags feasibility itself.
 *   <li><b>Branch and bound</b> over the nodes not tagged infeasible, in ascending order of a lower
 *       bound of the objective that is monotone over the lattice (see {@link InformationLoss}); it
 *       stops when the bound exceeds the best value found. For metrics without such a cheap bound
 *       (discernibility, average class size) nodes are visited bottom-up and an assessed node whose
 *       bound for its successors is no better than the best prunes all its successors. The loss
 *       metrics are not monotone with suppression, so a feasible node does not prune its successors
 *       unless its bound says so; with no suppression the bound equals the value and it does.
 * </ol>
 *
 * The analyst's weights ({@link SearchConfig#weights()}) enter the objective and its bounds alike,
 * so both phases are unchanged by them. {@link #exhaustive} assesses every node, for tests and
 * benchmarks. Instances are not thread-safe.
 */
public final class LatticeSearch {
  private static final double EPS = 1e-9;
  private static final byte UNKNOWN = 0;
  private static final byte TRUE = 1;
  private static final byte FALSE = 2;

  private final FrequencyTable table;
  private final RollUp rollUp;
  private final InformationLoss loss;
  private final Lattice lattice;
  private final SensitiveContext context;
  private final List<String> attributes;
  private final int[] bottomUp;

  public LatticeSearch(FrequencyTable table) {
    this(table, null);
  }

  /**
   * A search whose lattice stops at {@code maxLevels} (one per quasi-identifier, in order; a
   * negative entry: no cap): the analyst's "at most region" for an attribute. The metrics still
   * measure each level against the whole hierarchy, so region costs what it costs without the cap.
   */
  public LatticeSearch(FrequencyTable table, int[] maxLevels) {
    this.table = Objects.requireNonNull(table, "table");
    this.rollUp = new RollUp(table);
    this.loss = new InformationLoss(rollUp);
    int[] heights = rollUp.heights.clone();
    if (maxLevels != null) {
      if (maxLevels.length != heights.length) {
        throw new IllegalArgumentException(
            "Invalid maxLevels "
                + Arrays.toString(maxLevels)
                + ": "
                + maxLevels.length
                + " levels for "
                + heights.length
                + " quasi-identifiers");
      }
      for (int a = 0; a < heights.length; a++) {
        if (maxLevels[a] >= 0) {
          heights[a] = Math.min(heights[a], maxLevels[a] + 1);
        }
      }
    }
    this.lattice = new Lattice(heights);
    this.context = SensitiveContext.of(table);
    List<String> names = new ArrayList<>();
    table.qis().forEach(q -> names.add(q.column()));
    this.attributes = List.copyOf(names);
    Integer[] order = new Integer[lattice.size()];
    int[] sums = new int[lattice.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      sums[i] = lattice.sum(i);
    }
    Arrays.sort(order, Comparator.<Integer>comparingInt(i -> sums[i]).thenComparingInt(i -> i));
    this.bottomUp = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  public FrequencyTable table() {
    return table;
  }

  public SensitiveContext context() {
    return context;
  }

  /** Number of nodes in the lattice. */
  public int latticeSize() {
    return lattice.size();
  }

  /** Loss metrics of nodes (without suppression). */
  public InformationLoss informationLoss() {
    return loss;
  }

  /**
   * Compares objective values with a relative tolerance of 1e-9 (rounding must not decide ties).
   */
  static int compareValues(double a, double b) {
    if (a == b) {
      return 0;
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.compare(a, b);
    }
    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    if (Math.abs(a - b) <= EPS * scale) {
      return 0;
    }
    return a < b ? -1 : 1;
  }

  private boolean better(double va, int a, double vb, int b) {
    int c = compareValues(va, vb);
    return c < 0 || (c == 0 && lattice.compareTie(a, b) < 0);
  }

  /** The optimal node for a configuration (see the class comment). */
  public SearchResult search(SearchConfig config) {
    return new Search(config).run();
  }

  /** Assesses every node, and returns the optimum found that way (for tests and benchmarks). */
  public SearchResult exhaustive(SearchConfig config) {
    return exhaustive(List.of(config)).get(0);
  }

  /** Assesses every node once (one roll-up each) under several configurations. */
  public List<SearchResult> exhaustive(List<SearchConfig> configs) {
    long start = System.nanoTime();
    int m = configs.size();
    ModelSet[] sets = new ModelSet[m];
    double[][] weights = new double[m][];
    boolean sens = false;
    for (int i = 0; i < m; i++) {
      sets[i] = new ModelSet(configs.get(i), table.totalRecords(), context);
      weights[i] = configs.get(i).weightArray(attributes.size());
      sens |= sets[i].usesSensitive;
    }
    int[] best = new int[m];
    double[] bestValue = new double[m];
    long[] minSupp = new long[m];
    int[] minSuppNode = new int[m];
    Arrays.fill(best, -1);
    Arrays.fill(minSupp, Long.MAX_VALUE);
    int[] buf = new int[lattice.dimensions()];
    for (int node = 0; node < lattice.size(); node++) {
      lattice.levels(node, buf);
      rollUp.rollUp(buf, sens);
      for (int i = 0; i < m; i++) {
        NodeStats st = sets[i].assess(rollUp, context, buf, null);
        if (st.suppressed() <= sets[i].allowed) {
          double v = loss.value(configs.get(i).objective(), weights[i], st, sets[i].kRef);
          if (best[i] < 0 || better(v, node, bestValue[i], best[i])) {
            best[i] = node;
            bestValue[i] = v;
          }
        }
        if (st.suppressed() < minSupp[i]) {
          minSupp[i] = st.suppressed();
          minSuppNode[i] = node;
        }
      }
    }
    List<SearchResult> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      int node = best[i] >= 0 ? best[i] : minSuppNode[i];
      out.add(
          result(
              node,
              sets[i],
              configs.get(i),
              "exhaustive",
              lattice.size(),
              lattice.size() + 1,
              start));
    }
    return out;
  }

  /** Assesses one node (fixed-levels mode): suppression and metrics at the given levels. */
  public SearchResult evaluate(List<Integer> levels, SearchConfig config) {
    long start = System.nanoTime();
    int node = lattice.index(checkLevels(levels));
    ModelSet ms = new ModelSet(config, table.totalRecords(), context);
    return result(node, ms, config, "fixed", 1, 1, start);
  }

  /** Checks given levels against the QIs, naming the offending column. */
  private int[] checkLevels(List<Integer> levels) {
    Objects.requireNonNull(levels, "levels");
    if (levels.size() != attributes.size()) {
      throw new IllegalArgumentException(
          "Invalid levels "
              + levels
              + ": "
              + levels.size()
              + " levels for "
              + attributes.size()
              + " quasi-identifiers "
              + attributes);
    }
    int[] lv = new int[levels.size()];
    for (int a = 0; a < lv.length; a++) {
      Integer l = levels.get(a);
      if (l == null || l < 0 || l >= lattice.height(a)) {
        throw new IllegalArgumentException(
            "Invalid level "
                + l
                + " for quasi-identifier '"
                + attributes.get(a)
                + "' (must be 0.."
                + (lattice.height(a) - 1)
                + ")");
      }
      lv[a] = l;
    }
    return lv;
  }

  private SearchResult result(
      int node,
      ModelSet ms,
      SearchConfig config,
      String strategy,
      int evaluated,
      int rollUps,
      long startNanos) {
    int[] levels = lattice.levels(node);
    rollUp.rollUp(levels, ms.usesSensitive);
    NodeStats st = ms.assess(rollUp, context, levels, null);
    LossMetrics metrics = loss.metrics(st, ms.kRef);
    double value =
        loss.value(config.objective(), config.weightArray(attributes.size()), st, ms.kRef);
    List<Integer> lv = Arrays.stream(levels).boxed().toList();
    return new SearchResult(
        attributes,
        lv,
        st.suppressed() <= ms.allowed,
        table.totalRecords(),
        st.suppressed(),
        st.keptClasses(),
        st.minKept(),
        config.objective(),
        value,
        metrics,
        strategy,
        lattice.size(),
        evaluated,
        lattice.size() - evaluated,
        rollUps,
        (System.nanoTime() - startNanos) / 1_000_000,
        weights(config));
  }

  /** The weight of each quasi-identifier in the objective, by name (1 where none is given). */
  private Map<String, Double> weights(SearchConfig config) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int a = 0; a < attributes.size(); a++) {
      m.put(attributes.get(a), config.weights().isEmpty() ? 1.0 : config.weights().get(a));
    }
    return m;
  }

  /** The classes of a node with their labels and suppression flags under a configuration. */
  ClassSnapshot snapshot(List<Integer> levels, SearchConfig config) {
    int[] lv = checkLevels(levels);
    ModelSet ms = new ModelSet(config, table.totalRecords(), context);
    rollUp.rollUp(lv, ms.usesSensitive);
    int n = rollUp.classes;
    boolean[] failed = new boolean[n];
    ms.assess(rollUp, context, lv, failed);
    String[][] labels = new String[n][rollUp.q];
    long[] counts = new long[n];
    for (int c = 0; c < n; c++) {
      counts[c] = rollUp.count[c];
      for (int a = 0; a < rollUp.q; a++) {
        labels[c][a] = rollUp.labels[a][lv[a]][rollUp.label(a, lv[a], rollUp.rep[c])];
      }
    }
    return new ClassSnapshot(lv, labels, counts, failed);
  }

  /** The state of one search. */
  private final class Search {
    private final SearchConfig config;
    private final ModelSet ms;
    private final Objective objective;

    /** The objective's attribute weights, null when none (see {@link SearchConfig#weightArray}). */
    private final double[] weights;

    private final boolean zeroLimit;
    private final int size;
    private final byte[] pm;
    private final byte[] full;
    private final double[] value;
    private final double[] successorBound;
    private final boolean[] seen;
    private final int[] stack;
    private final int[] buf;
    private final long start = System.nanoTime();
    private int evaluated;
    private int rollUps;
    private long minSupp = Long.MAX_VALUE;
    private int minSuppNode = -1;

    Search(SearchConfig config) {
      this.config = config;
      this.ms = new ModelSet(config, table.totalRecords(), context);
      this.objective = config.objective();
      this.weights = config.weightArray(attributes.size());
      this.zeroLimit = ms.allowed == 0;
      this.size = lattice.size();
      this.pm = new byte[size];
      this.full = new byte[size];
      this.value = new double[size];
      this.successorBound = new double[size];
      this.seen = new boolean[size];
      this.stack = new int[size];
      this.buf = new int[lattice.dimensions()];
    }

    SearchResult run() {
      tag();
      int best = choose();
      int node = best >= 0 ? best : minSuppNode;
      return result(node, ms, config, "search", evaluated, rollUps + 1, start);
    }

    private NodeStats evaluate(int node) {
      lattice.levels(node, buf);
      rollUp.rollUp(buf, ms.usesSensitive);
      NodeStats st = ms.assess(rollUp, context, buf, null);
      rollUps++;
      if (!seen[node]) {
        seen[node] = true;
        evaluated++;
      }
      boolean feasible = st.suppressed() <= ms.allowed;
      full[node] = feasible ? TRUE : FALSE;
      if (feasible) {
        value[node] = loss.value(objective, weights, st, ms.kRef);
      }
      successorBound[node] = loss.successorBound(objective, weights, st, ms.kRef, zeroLimit);
      if (st.suppressed() < minSupp
          || (st.suppressed() == minSupp && lattice.compareTie(node, minSuppNode) < 0)) {
        minSupp = st.suppressed();
        minSuppNode = node;
      }
      return st;
    }

    // ---- phase 1: predictive tagging of the monotone predicate ----

    private void tag() {
      if (ms.monotoneCount == 0) {
        return;
      }
      evalTag(lattice.top());
      if (pm[lattice.top()] == FALSE) {
        return;
      }
      if (pm[0] == UNKNOWN) {
        evalTag(0);
      }
      int[] path = new int[lattice.dimensions() == 0 ? 1 : pathLength()];
      for (int node : bottomUp) {
        if (pm[node] != UNKNOWN) {
          continue;
        }
        int len = 0;
        path[len++] = node;
        int cur = node;
        while (true) {
          int next = -1;
          for (int a = 0; a < lattice.dimensions(); a++) {
            int succ = lattice.successor(cur, a);
            if (succ >= 0 && pm[succ] == UNKNOWN) {
              next = succ;
              break;
            }
          }
          if (next < 0) {
            break;
          }
          path[len++] = next;
          cur = next;
        }
        int lo = 0;
        int hi = len - 1;
        while (lo <= hi) {
          int mid = (lo + hi) >>> 1;
          int p = path[mid];
          if (pm[p] == UNKNOWN) {
            evalTag(p);
          }
          if (pm[p] == TRUE) {
            hi = mid - 1;
          } else {
            lo = mid + 1;
          }
        }
      }
    }

    private int pathLength() {
      int len = 1;
      for (int a = 0; a < lattice.dimensions(); a++) {
        len += lattice.height(a) - 1;
      }
      return len;
    }

    private void evalTag(int node) {
      NodeStats st = evaluate(node);
      if (st.suppressedMonotone() <= ms.allowed) {
        spread(node, TRUE);
      } else {
        spread(node, FALSE);
      }
    }

    /** Tags a node and all its successors (TRUE) or predecessors (FALSE). */
    private void spread(int node, byte tag) {
      if (pm[node] == tag) {
        return;
      }
      checkConsistent(node, tag);
      pm[node] = tag;
      int top = 0;
      stack[top++] = node;
      while (top > 0) {
        int cur = stack[--top];
        for (int a = 0; a < lattice.dimensions(); a++) {
          int next = tag == TRUE ? lattice.successor(cur, a) : lattice.predecessor(cur, a);
          if (next >= 0 && pm[next] != tag) {
            checkConsistent(next, tag);
            pm[next] = tag;
            stack[top++] = next;
          }
        }
      }
    }

    private void checkConsistent(int node, byte tag) {
      if (pm[node] != UNKNOWN) {
        throw new IllegalStateException(
            "Monotonicity violated at node "
                + Arrays.toString(lattice.levels(node))
                + " for "
                + config.describeModels()
                + ": a model declares itself monotone but is not");
      }
    }

    // ---- phase 2: branch and bound over the candidates ----

    private int choose() {
      boolean cheap = InformationLoss.hasCheapBound(objective);
      int count = 0;
      int[] cand = new int[size];
      for (int node : bottomUp) {
        if (pm[node] != FALSE) {
          cand[count++] = node;
        }
      }
      double[] lb = new double[size];
      int[] order = Arrays.copyOf(cand, count);
      if (cheap) {
        for (int node : order) {
          lattice.levels(node, buf);
          lb[node] = loss.cheapBound(objective, weights, buf);
        }
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        // stable sort: equal bounds keep the bottom-up (tie-break) order
        Arrays.sort(boxed, Comparator.comparingDouble(i -> lb[i]));
        order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
      }
      boolean shortcut = cheap && zeroLimit && ms.fullyMonotone();
      boolean[] bounded = new boolean[size];
      int best = -1;
      for (int node : order) {
        if (best >= 0 && cheap) {
          int c = compareValues(lb[node], value[best]);
          if (c > 0) {
            break;
          }
          if (c == 0 && lattice.compareTie(node, best) > 0) {
            continue;
          }
        }
        if (bounded[node]) {
          continue;
        }
        if (full[node] == UNKNOWN) {
          if (shortcut && pm[node] == TRUE) {
            // feasible with nothing suppressed: the value is the bound, no roll-up needed
            full[node] = TRUE;
            value[node] = lb[node];
          } else {
            evaluate(node);
          }
        }
        if (full[node] == TRUE && (best < 0 || better(value[node], node, value[best], best))) {
          best = node;
        }
        if (!cheap
            && best >= 0
            && seen[node]
            && compareValues(successorBound[node], value[best]) >= 0) {
          prune(node, bounded);
        }
      }
      return best;
    }

    /** Marks every successor of a node as pruned by the bound. */
    private void prune(int node, boolean[] bounded) {
      int top = 0;
      stack[top++] = node;
      while (top > 0) {
        int cur = stack[--top];
        for (int a = 0; a < lattice.dimensions(); a++) {
          int next = lattice.successor(cur, a);
          if (next >= 0 && !bounded[next]) {
            bounded[next] = true;
            stack[top++] = next;
          }
        }
      }
    }
  }
}
