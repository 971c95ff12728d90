package io.appianon.verify;

import io.appianon.report.VerificationSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ReleaseVerifier} found in one release: per dataset, one {@link ModelCheck} per
 * declared model. The release may be published only when {@link #holds()}.
 */
public record VerificationReport(List<DatasetVerification> datasets) {

  public VerificationReport {
    datasets = List.copyOf(datasets);
  }

  /** One dataset's published files and the checks of its models. */
  public record DatasetVerification(
      String dataset,
      String folder,
      long records,
      List<ModelCheck> checks,
      Optional<String> error) {

    public DatasetVerification {
      checks = List.copyOf(checks);
    }

    public boolean holds() {
      return error.isEmpty() && checks.stream().allMatch(ModelCheck::holds);
    }

    public Optional<ModelCheck> check(String model) {
      return checks.stream().filter(c -> c.model().equals(model)).findFirst();
    }

    public VerificationSection.Dataset report() {
      return new VerificationSection.Dataset(
          folder,
          records,
          holds(),
          error.orElse(null),
          checks.stream().map(ModelCheck::report).toList());
    }
  }

  /** True when every declared model holds on every dataset's published rows. */
  public boolean holds() {
    return datasets.stream().allMatch(DatasetVerification::holds);
  }

  public Optional<DatasetVerification> dataset(String name) {
    return datasets.stream().filter(d -> d.dataset().equals(name)).findFirst();
  }

  /**
   * One line per model that does not hold (or dataset that could not be read), for a log or an
   * error message.
   */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    for (DatasetVerification d : datasets) {
      d.error().ifPresent(e -> out.add(d.dataset() + ": " + e));
      for (ModelCheck c : d.checks()) {
        if (!c.holds()) {
          out.add(
              d.dataset()
                  + ": "
                  + c.model()
                  + " does not hold ("
                  + c.requirement()
                  + "): "
                  + c.note()
                      .orElse(
                          c.violatingGroups()
                              + " of "
                              + c.groups()
                              + " groups violate, "
                              + c.violatingRecords()
                              + " records, worst "
                              + c.worst().map(String::valueOf).orElse("-")));
        }
      }
    }
    return out;
  }

  /** The report.json section: {@code {"holds": ..., "datasets": {name: {...}}}}. */
  public VerificationSection report() {
    Map<String, VerificationSection.Dataset> ds = new LinkedHashMap<>();
    datasets.forEach(d -> ds.put(d.dataset(), d.report()));
    return new VerificationSection(holds(), ds);
  }
}
