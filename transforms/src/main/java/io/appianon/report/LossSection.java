package io.appianon.report;

import io.appianon.privacy.LossMetrics;
import java.util.Map;

/**
 * {@code loss_metrics}: information loss of a generalization, with its suppression applied ({@link
 * LossMetrics}); the average class sizes are null when not computable.
 */
public record LossSection(
    double intensity,
    Map<String, Double> intensityByAttribute,
    double loss,
    Map<String, Double> lossByAttribute,
    long discernibility,
    Double averageClassSize,
    Double averageClassSizeOverK,
    double nonUniformEntropy,
    double nonUniformEntropyShare,
    double precision,
    double lossArx,
    long height) {

  public static LossSection of(LossMetrics m) {
    return new LossSection(
        m.intensity(),
        m.intensityByAttribute(),
        m.loss(),
        m.lossByAttribute(),
        m.discernibility(),
        Double.isFinite(m.arxAverageClassSize()) ? m.arxAverageClassSize() : null,
        Double.isInfinite(m.averageClassSize()) ? null : m.averageClassSize(),
        m.nonUniformEntropy(),
        m.nonUniformEntropyShare(),
        m.precision(),
        m.arxLoss(),
        m.height());
  }
}
