package io.appianon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The k^m line of the job's log is words, not a record's field dump. */
class KmSectionTest {
  @Test
  void summaryNamesBeforeAfterRemedyAndWhatWasSuppressed() {
    assertEquals(
        "12 violating itemsets before, 0 after; remedy generalize at level 1 (k^m (k=5, m=2))",
        new KmSection("k^m (k=5, m=2)", "generalize", 12, 0, 1, null, null).summary());
    assertEquals(
        "7 violating itemsets before, 0 after; remedy suppress, 3 items suppressed, 9 records"
            + " suppressed (k^m (k=5, m=2))",
        new KmSection("k^m (k=5, m=2)", "suppress", 7, 0, null, 3, 9L).summary());
  }
}
