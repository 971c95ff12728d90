package io.appianon.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * report.json itself: the release, its datasets by name, the release's person-level stage and the
 * verification on the written files (each absent when the run has none), and the time of the whole
 * run.
 */
public record ReleaseSection(
    String releaseId,
    String createdAt,
    Map<String, DatasetSection> datasets,
    @JsonInclude(JsonInclude.Include.NON_NULL) PersonsSection persons,
    @JsonInclude(JsonInclude.Include.NON_NULL) VerificationSection verification,
    double elapsedSeconds) {}
