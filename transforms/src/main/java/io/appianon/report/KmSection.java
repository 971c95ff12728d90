package io.appianon.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code km}: the k^m-anonymity stage of a dataset. {@code level} for the generalize remedy; {@code
 * suppressedItems} and {@code suppressedRecords} for the suppress remedy (each absent otherwise).
 */
public record KmSection(
    String model,
    String remedy,
    long violatingItemsetsBefore,
    long violatingItemsetsAfter,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer level,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer suppressedItems,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long suppressedRecords) {}
