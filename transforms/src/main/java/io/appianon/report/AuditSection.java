package io.appianon.report;

import java.util.Map;

/**
 * {@code persons.audit_of_published_files}: the attacker's view of the written release, read back from its Parquet
 * files ({@code io.appianon.verify.PersonAudit}); {@code inWords} is its one-line summary.
 */
public record AuditSection(String model, boolean holds, long persons, long violatingPersons,
    Map<Integer, Long> violatingPersonsByItemsetSize, long uniqueUnderFullItemKnowledge,
    Map<String, Long> fullItemKnowledgeClassSizes, Map<String, Map<String, Object>> rowsPerPerson, String inWords) {}
