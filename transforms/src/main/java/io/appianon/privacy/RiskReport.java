package io.appianon.privacy;

/**
 * Re-identification risk of a release, from its equivalence class sizes (K. El Emam, F. K. Dankar,
 * "Protecting privacy using k-anonymity", JAMIA 15(5), 2008, for the three attacker models).
 *
 * @param records records released
 * @param classes equivalence classes released
 * @param prosecutorMax highest prosecutor risk, 1 / smallest class
 * @param prosecutorAverage prosecutor risk averaged over records, classes / records
 * @param riskThreshold the threshold used for {@code recordsAtRisk}
 * @param recordsAtRisk share of records whose prosecutor risk (1 / class size) exceeds the
 *     threshold
 * @param sampleUniques share of records alone in their class
 * @param journalistMax highest journalist risk, 1 / smallest population class; without a population
 *     table this is {@code prosecutorMax}, an upper bound
 * @param marketer expected share of records re-identified by an attacker matching everyone: sum of
 *     (class size / population class size) / records; without a population table, classes / records
 * @param populationModel whether a population table was used for the journalist and marketer risks
 */
public record RiskReport(
    long records,
    long classes,
    double prosecutorMax,
    double prosecutorAverage,
    double riskThreshold,
    double recordsAtRisk,
    double sampleUniques,
    double journalistMax,
    double marketer,
    boolean populationModel) {}
