package io.appianon.privacy;

/**
 * The generalization lattice: every vector of levels {@code (l_1..l_q)} with {@code 0 <= l_a <
 * height_a}, encoded as a mixed-radix index whose first attribute is the most significant digit, so
 * index order is lexicographic order of the level vectors. The successors of a node raise one level
 * by one.
 */
final class Lattice {
  /** Lattices larger than this are refused (the search keeps a few bytes per node). */
  static final int MAX_SIZE = 50_000_000;

  private final int[] heights;
  private final int[] stride;
  private final int size;

  Lattice(int[] heights) {
    this.heights = heights.clone();
    int q = heights.length;
    this.stride = new int[q];
    long s = 1;
    for (int a = q - 1; a >= 0; a--) {
      stride[a] = (int) s;
      s *= heights[a];
      if (s > MAX_SIZE) {
        throw new IllegalArgumentException(
            "Lattice too large: more than "
                + MAX_SIZE
                + " nodes (use fewer quasi-identifiers or shallower hierarchies, or Mondrian)");
      }
    }
    this.size = (int) s;
  }

  int size() {
    return size;
  }

  int dimensions() {
    return heights.length;
  }

  int height(int a) {
    return heights[a];
  }

  int top() {
    return size - 1;
  }

  int level(int node, int a) {
    return (node / stride[a]) % heights[a];
  }

  void levels(int node, int[] out) {
    for (int a = 0; a < heights.length; a++) {
      out[a] = (node / stride[a]) % heights[a];
    }
  }

  int[] levels(int node) {
    int[] out = new int[heights.length];
    levels(node, out);
    return out;
  }

  int index(int[] levels) {
    if (levels.length != heights.length) {
      throw new IllegalArgumentException(
          "Invalid levels: "
              + levels.length
              + " values for "
              + heights.length
              + " quasi-identifiers");
    }
    int idx = 0;
    for (int a = 0; a < heights.length; a++) {
      if (levels[a] < 0 || levels[a] >= heights[a]) {
        throw new IllegalArgumentException(
            "Invalid level "
                + levels[a]
                + " for quasi-identifier #"
                + a
                + " (must be 0.."
                + (heights[a] - 1)
                + ")");
      }
      idx += levels[a] * stride[a];
    }
    return idx;
  }

  int sum(int node) {
    int s = 0;
    for (int a = 0; a < heights.length; a++) {
      s += (node / stride[a]) % heights[a];
    }
    return s;
  }

  /** The successor raising attribute a, or -1 at its top level. */
  int successor(int node, int a) {
    return level(node, a) + 1 < heights[a] ? node + stride[a] : -1;
  }

  /** The predecessor lowering attribute a, or -1 at level 0. */
  int predecessor(int node, int a) {
    return level(node, a) > 0 ? node - stride[a] : -1;
  }

  /** Compares nodes in tie-break order: lower sum of levels first, then lexicographic. */
  int compareTie(int x, int y) {
    int c = Integer.compare(sum(x), sum(y));
    return c != 0 ? c : Integer.compare(x, y);
  }
}
