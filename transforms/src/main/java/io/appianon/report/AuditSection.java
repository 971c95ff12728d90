package io.appianon.report;

import java.util.Map;

/**
 * {@code persons.audit_of_published_files}: the attacker's view of the written release, read back
 * from its Parquet files ({@code io.appianon.verify.PersonAudit}); {@code inWords} is its one-line
 * summary.
 */
public record AuditSection(
    String model,
    boolean holds,
    long persons,
    long violatingPersons,
    Map<Integer, Long> violatingPersonsByItemsetSize,
    long uniqueUnderFullItemKnowledge,
    Map<String, Long> fullItemKnowledgeClassSizes,
    Map<String, RowsPerPerson> rowsPerPerson,
    String inWords) {

  /**
   * Rows per person in one dataset: persons with a row there, and the least, median and most rows
   * of one.
   */
  public record RowsPerPerson(long persons, long min, long median, long max) {}
}
