package io.appianon.privacy;

/**
 * What the search keeps of one evaluated node (package-private): class counts, suppression under
 * all models and under the monotone ones, and the suppressed records per (attribute, label) that
 * the loss metrics need.
 *
 * @param levels the node
 * @param classes number of classes before suppression
 * @param keptClasses classes that satisfy every model
 * @param suppressed records in classes failing some model
 * @param suppressedMonotone records in classes failing some model of the monotone subset
 * @param minKept smallest kept class (0 when none is kept)
 * @param sumSquaresKept sum of squared sizes of kept classes
 * @param sumSquaresAll sum of squared sizes of all classes
 * @param suppressedByLabel suppressed records per attribute and label code at the node's level;
 *     null when none
 */
record NodeStats(
    int[] levels,
    int classes,
    int keptClasses,
    long suppressed,
    long suppressedMonotone,
    long minKept,
    long sumSquaresKept,
    long sumSquaresAll,
    long[][] suppressedByLabel) {}
