package io.appianon.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Information loss of a generalization (a node with its suppression applied). Suppressed records
 * count as fully generalized (every attribute {@code *}), as in ARX. All values are 0 for the
 * original data except discernibility and average class size, which measure the class structure.
 *
 * @param intensityByAttribute level / max level per attribute
 * @param intensity mean of {@code intensityByAttribute}
 * @param lossByAttribute Iyengar's loss per attribute, averaged over records: (size of the
 *     generalized group - 1) / (domain size - 1) for a categorical attribute, (group max - group
 *     min) / (domain max - domain min) for a numeric one; the domain is the hierarchy's values and
 *     the data's
 * @param loss mean of {@code lossByAttribute}
 * @param discernibility sum over kept classes of size squared, plus suppressed records times all
 *     records
 * @param averageClassSize (records - suppressed) / kept classes / k (infinite when nothing is
 *     kept); in report.json {@code average_class_size_over_k}, beside ARX's {@code
 *     average_class_size}
 * @param nonUniformEntropy sum over records and attributes of {@code -log2 P(original |
 *     generalized)}, with P from the input's counts
 * @param nonUniformEntropyShare {@code nonUniformEntropy} divided by its value when everything is
 *     {@code *}
 * @param precisionLoss one minus Sweeney's precision: mean over records and attributes of level /
 *     max level
 * @param arxAverageClassSize ARX's average equivalence class size: records / (kept classes + 1 when
 *     any record is suppressed, the suppressed records forming one class)
 * @param arxLoss {@code lossByAttribute} combined as ARX does: the geometric mean of {@code 1 + L}
 *     minus 1
 * @param height ARX's height: the sum of the generalization levels
 */
public record LossMetrics(
    Map<String, Double> intensityByAttribute,
    double intensity,
    Map<String, Double> lossByAttribute,
    double loss,
    long discernibility,
    double averageClassSize,
    double nonUniformEntropy,
    double nonUniformEntropyShare,
    double precisionLoss,
    double arxAverageClassSize,
    double arxLoss,
    long height) {

  public LossMetrics {
    intensityByAttribute = Collections.unmodifiableMap(new LinkedHashMap<>(intensityByAttribute));
    lossByAttribute = Collections.unmodifiableMap(new LinkedHashMap<>(lossByAttribute));
  }

  /** Sweeney's precision (1 is the original data). */
  public double precision() {
    return 1.0 - precisionLoss;
  }
}
