package io.appianon.report;

import io.appianon.privacy.RiskReport;

/** {@code risk}: re-identification risk over the quasi-identifiers ({@link RiskReport}). */
public record RiskSection(
    long records,
    long classes,
    double prosecutorMax,
    double prosecutorAverage,
    double riskThreshold,
    double recordsAtRisk,
    double sampleUniques,
    double journalistMax,
    boolean journalistIsUpperBound,
    double marketer) {

  public static RiskSection of(RiskReport r) {
    return new RiskSection(
        r.records(),
        r.classes(),
        r.prosecutorMax(),
        r.prosecutorAverage(),
        r.riskThreshold(),
        r.recordsAtRisk(),
        r.sampleUniques(),
        r.journalistMax(),
        !r.populationModel(),
        r.marketer());
  }
}
