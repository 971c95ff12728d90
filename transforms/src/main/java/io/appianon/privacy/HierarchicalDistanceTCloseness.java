package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * t-closeness with the hierarchical distance for a categorical sensitive attribute with a
 * generalization hierarchy of height H: the distance of two values is the level of their lowest
 * common ancestor divided by H, and the Earth Mover's Distance is computed bottom-up: for every
 * node N of the hierarchy, {@code extra(N)} is {@code p - q} at a leaf and the sum over its
 * children otherwise, and N costs {@code level(N)/H * min(positive extra of its children, negative
 * extra of its children)}; the EMD is the sum of the costs. A class satisfies the model when that
 * EMD is at most t.
 *
 * <p>N. Li, T. Li, S. Venkatasubramanian, "t-Closeness: privacy beyond k-anonymity and
 * l-diversity", ICDE 2007, pp. 106-115 (Section 4.2, hierarchical distance). Monotone under
 * generalization, not with suppression. A value the hierarchy does not know is placed under the
 * root, as {@link Hierarchy#generalize(String, int)} does.
 *
 * @param t the largest allowed distance, in (0, 1]
 * @param hierarchy the hierarchy of the sensitive attribute
 */
public record HierarchicalDistanceTCloseness(double t, Hierarchy hierarchy)
    implements PrivacyModel {

  public HierarchicalDistanceTCloseness {
    TCloseness.checkT(t);
    Objects.requireNonNull(hierarchy, "hierarchy");
  }

  /**
   * For each level l >= 1: parent[l][node at level l-1] = node at level l; nodes[l] = number of
   * nodes.
   */
  private record Tree(int[][] parent, int[] nodes) {}

  private Tree tree(SensitiveContext context) {
    return context.derived(
        this,
        ctx -> {
          List<String> values = ctx.values();
          int height = hierarchy.maxLevel();
          int[][] parent = new int[height + 1][];
          int[] nodes = new int[height + 1];
          int[] current = new int[values.size()];
          for (int i = 0; i < current.length; i++) {
            current[i] = i;
          }
          nodes[0] = values.size();
          for (int l = 1; l <= height; l++) {
            Map<String, Integer> index = new HashMap<>();
            List<String> labels = new ArrayList<>();
            int[] next = new int[values.size()];
            int[] par = new int[nodes[l - 1]];
            Arrays.fill(par, -1);
            for (int i = 0; i < values.size(); i++) {
              String label = hierarchy.generalize(values.get(i), l);
              Integer node = index.get(label);
              if (node == null) {
                node = labels.size();
                index.put(label, node);
                labels.add(label);
              }
              next[i] = node;
              int child = current[i];
              if (par[child] >= 0 && par[child] != node) {
                throw new IllegalArgumentException(
                    "Hierarchy '"
                        + hierarchy.name()
                        + "' is not a tree: a node at level "
                        + (l - 1)
                        + " generalizes to both '"
                        + labels.get(par[child])
                        + "' and '"
                        + label
                        + "' at level "
                        + l
                        + " (hierarchical t-closeness needs a tree)");
              }
              par[child] = node;
            }
            parent[l] = par;
            nodes[l] = labels.size();
            current = next;
          }
          return new Tree(parent, nodes);
        });
  }

  /** The distance of a class to the overall distribution. */
  public double distance(EquivalenceClass ec, SensitiveContext context) {
    TCloseness.checkHistogram(ec, context, "hierarchical-distance t-closeness");
    Tree tree = tree(context);
    int height = hierarchy.maxLevel();
    long n = ec.count();
    long[] h = ec.histogram();
    double[] extra = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      extra[i] = (n == 0 ? 0.0 : (double) h[i] / n) - context.probability(i);
    }
    double cost = 0.0;
    for (int l = 1; l <= height; l++) {
      int size = tree.nodes()[l];
      double[] next = new double[size];
      double[] pos = new double[size];
      double[] neg = new double[size];
      int[] par = tree.parent()[l];
      for (int c = 0; c < extra.length; c++) {
        int p = par[c];
        double e = extra[c];
        next[p] += e;
        if (e > 0) {
          pos[p] += e;
        } else {
          neg[p] -= e;
        }
      }
      double weight = (double) l / height;
      for (int p = 0; p < size; p++) {
        cost += weight * Math.min(pos[p], neg[p]);
      }
      extra = next;
    }
    return cost;
  }

  @Override
  public boolean isSatisfied(EquivalenceClass ec, SensitiveContext context) {
    return TCloseness.within(distance(ec, context), t);
  }

  @Override
  public boolean isMonotonic() {
    return true;
  }

  @Override
  public String describe() {
    return "t-closeness (t=" + t + ", hierarchical distance on '" + hierarchy.name() + "')";
  }
}
