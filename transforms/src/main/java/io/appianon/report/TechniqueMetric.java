package io.appianon.report;

/**
 * One entry of a dataset's {@code techniques}: what a technique did to a column ({@code value} a
 * number or text).
 */
public record TechniqueMetric(String type, String column, String metric, Object value) {}
