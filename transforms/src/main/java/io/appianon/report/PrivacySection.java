package io.appianon.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.appianon.privacy.MondrianResult;
import io.appianon.privacy.PrivacyResult;
import java.util.List;
import java.util.Map;

/**
 * {@code privacy}: a dataset's privacy stage. Without a privacy block (pseudonymous kind) {@code
 * models} is empty, {@code k}, {@code kAchieved} and {@code maxSuppression} are null and the
 * search, risk, loss and utility sections are absent; {@code kmAnonymity} and {@code
 * localRecodingComparison} appear when the policy asks for them.
 */
public record PrivacySection(
    List<String> models,
    Integer k,
    Long kAchieved,
    Double maxSuppression,
    long suppressedRecords,
    Map<String, Integer> levels,
    String levelsChosenBy,
    long inputRecords,
    long outputRecords,
    @JsonInclude(JsonInclude.Include.NON_NULL) SearchSection search,
    @JsonInclude(JsonInclude.Include.NON_NULL) RiskSection riskBefore,
    @JsonInclude(JsonInclude.Include.NON_NULL) RiskSection riskAfter,
    @JsonInclude(JsonInclude.Include.NON_NULL) LossSection lossBefore,
    @JsonInclude(JsonInclude.Include.NON_NULL) LossSection lossAfter,
    @JsonInclude(JsonInclude.Include.NON_NULL) UtilitySection utility,
    @JsonInclude(JsonInclude.Include.NON_NULL) KmSection kmAnonymity,
    @JsonInclude(JsonInclude.Include.NON_NULL) MondrianSection localRecodingComparison) {

  /** A dataset without a privacy model: its {@code records} leave as the techniques made them. */
  public static PrivacySection none(long records) {
    return new PrivacySection(
        List.of(),
        null,
        null,
        null,
        0L,
        Map.of(),
        "none: no privacy model applied (the policy declares no privacy block)",
        records,
        records,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The models' outcome {@code r} at {@code levels}, chosen by {@code chosenBy}. */
  public static PrivacySection of(
      List<String> models,
      int k,
      double maxSuppression,
      Map<String, Integer> levels,
      String chosenBy,
      PrivacyResult r) {
    return new PrivacySection(
        models,
        k,
        r.kAchieved(),
        maxSuppression,
        r.suppressedRecords(),
        levels,
        chosenBy,
        r.inputRecords(),
        r.outputRecords(),
        SearchSection.of(r.search()),
        RiskSection.of(r.riskBefore()),
        RiskSection.of(r.riskAfter()),
        LossSection.of(r.lossBefore()),
        LossSection.of(r.lossAfter()),
        UtilitySection.of(r.utility()),
        null,
        null);
  }

  /** The same with the k^m-anonymity stage's section. */
  public PrivacySection withKmAnonymity(KmSection km) {
    return new PrivacySection(
        models,
        k,
        kAchieved,
        maxSuppression,
        suppressedRecords,
        levels,
        levelsChosenBy,
        inputRecords,
        outputRecords,
        search,
        riskBefore,
        riskAfter,
        lossBefore,
        lossAfter,
        utility,
        km,
        localRecodingComparison);
  }

  /** The same with Mondrian's local recoding of the same records, for comparison. */
  public PrivacySection withLocalRecodingComparison(MondrianResult m) {
    return new PrivacySection(
        models,
        k,
        kAchieved,
        maxSuppression,
        suppressedRecords,
        levels,
        levelsChosenBy,
        inputRecords,
        outputRecords,
        search,
        riskBefore,
        riskAfter,
        lossBefore,
        lossAfter,
        utility,
        kmAnonymity,
        MondrianSection.of(m));
  }
}
