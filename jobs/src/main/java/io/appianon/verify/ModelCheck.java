package io.appianon.verify;

import io.appianon.report.VerificationSection;
import java.util.Optional;

/**
 * The outcome of checking one privacy model on one published dataset.
 *
 * <p>{@code groups} are the equivalence classes (rows sharing the published quasi-identifier
 * values) for k-anonymity, l-diversity and t-closeness, and the distinct itemsets of up to m items
 * for k^m-anonymity. {@code worst} is the value of the worst group in the model's own measure (see
 * {@link ReleaseVerifier}); empty when there is no group. {@code violatingRecords} counts published
 * rows: of the violating classes, or (k^m) of the persons holding a violating itemset. {@code note}
 * says why a model could not be checked (e.g. a declared column is not published); such a check
 * does not hold.
 *
 * @param model the model's name, e.g. {@code entropy-l-diversity}
 * @param requirement what the policy demands, in words, with its parameters
 * @param holds whether every group satisfies it
 */
public record ModelCheck(
    String model,
    String requirement,
    boolean holds,
    Optional<Double> worst,
    long groups,
    long violatingGroups,
    long violatingRecords,
    Optional<String> note) {

  static ModelCheck unchecked(String model, String requirement, String note) {
    return new ModelCheck(model, requirement, false, Optional.empty(), 0, 0, 0, Optional.of(note));
  }

  /**
   * The check as report.json shows it; an infinite worst value (a class with no tail) is written as
   * a string.
   */
  public VerificationSection.Check report() {
    return new VerificationSection.Check(
        model,
        requirement,
        holds,
        worst.map(w -> Double.isFinite(w) ? (Object) w : (Object) String.valueOf(w)).orElse(null),
        groups,
        violatingGroups,
        violatingRecords,
        note.orElse(null));
  }
}
