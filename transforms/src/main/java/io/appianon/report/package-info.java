/**
 * The typed records of {@code report.json} (one per section; {@code docs/report.schema.json}
 * describes each as a {@code $defs} entry of the same name). Components are named in camelCase and
 * written in snake_case by the one serializer, {@code io.appianon.core.ReportJson} (Jackson, {@code
 * SNAKE_CASE}, keys in alphabetical order). A component annotated {@code @JsonInclude(NON_NULL)} is
 * left out when null; any other null is written as {@code null} ("not computable"). Maps here are
 * keyed by data (columns, reasons, buckets, values).
 */
package io.appianon.report;
