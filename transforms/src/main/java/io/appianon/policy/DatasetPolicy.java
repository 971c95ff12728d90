package io.appianon.policy;

import io.appianon.technique.Technique;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** A dataset's complete, validated policy: input, declared columns, techniques in order, and the privacy model. */
public record DatasetPolicy(String file, String name, Text title, InputSpec input, List<ColumnSpec> columns,
    List<Technique> techniques, PrivacySpec privacy, boolean shuffleRecords) implements Serializable {

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  public DatasetPolicy withInputPath(String path) {
    return new DatasetPolicy(file, name, title, input.withPath(path), columns, techniques, privacy, shuffleRecords);
  }
}
