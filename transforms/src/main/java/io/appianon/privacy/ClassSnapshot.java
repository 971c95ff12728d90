package io.appianon.privacy;

/**
 * The equivalence classes of one node with their labels, sizes and whether they are suppressed
 * (package-private; used to build the suppression join, the risk and the utility metrics).
 *
 * @param levels the node
 * @param labels labels[class][attribute]
 * @param counts records per class
 * @param failed whether each class fails some model (is suppressed)
 */
record ClassSnapshot(int[] levels, String[][] labels, long[] counts, boolean[] failed) {

  int size() {
    return counts.length;
  }
}
