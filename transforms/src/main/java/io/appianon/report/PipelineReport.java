package io.appianon.report;

import java.util.List;

/**
 * The part of a dataset's section ({@code dataset}) that its pipeline writes: the techniques and
 * the privacy stage.
 */
public record PipelineReport(List<TechniqueMetric> techniques, PrivacySection privacy) {

  public PipelineReport {
    techniques = List.copyOf(techniques);
  }
}
