package io.appianon.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code verification}: every declared model checked on the written files ({@code
 * io.appianon.verify}), per dataset name.
 */
public record VerificationSection(boolean holds, Map<String, Dataset> datasets) {

  /** One dataset's checks; {@code error} when its files could not be read. */
  public record Dataset(
      String folder,
      long records,
      boolean holds,
      @JsonInclude(JsonInclude.Include.NON_NULL) String error,
      List<Check> checks) {}

  /**
   * {@code model_check}: one model on one dataset. {@code worst} is a number, or a string for an
   * infinite value (a class with no tail), or null when there is no group; {@code note} says why a
   * model could not be checked.
   */
  public record Check(
      String model,
      String requirement,
      boolean holds,
      Object worst,
      long groups,
      long violatingGroups,
      long violatingRecords,
      @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}
}
