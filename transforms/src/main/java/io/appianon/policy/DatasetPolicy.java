package io.appianon.policy;

import io.appianon.core.Text;
import io.appianon.technique.Technique;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A dataset's complete, validated policy: input, declared columns, techniques in order, and the
 * privacy model. The privacy block is absent only where the release kind allows it (pseudonymously
 * processed information: no k-anonymity unless the policy adds one; {@link
 * PolicyLoader#load(java.nio.file.Path, io.appianon.hierarchy.HierarchyResolver,
 * com.typesafe.config.Config, boolean)}).
 */
public record DatasetPolicy(
    String file,
    String name,
    Text title,
    InputSpec input,
    List<ColumnSpec> columns,
    List<Technique> techniques,
    Optional<PrivacySpec> declaredPrivacy,
    boolean shuffleRecords)
    implements Serializable {

  public DatasetPolicy(
      String file,
      String name,
      Text title,
      InputSpec input,
      List<ColumnSpec> columns,
      List<Technique> techniques,
      PrivacySpec privacy,
      boolean shuffleRecords) {
    this(file, name, title, input, columns, techniques, Optional.of(privacy), shuffleRecords);
  }

  /** True when the policy declares a privacy block (k-anonymity and the models beside it). */
  public boolean hasPrivacy() {
    return declaredPrivacy.isPresent();
  }

  /** The declared privacy model; only for code that runs when {@link #hasPrivacy()}. */
  public PrivacySpec privacy() {
    return declaredPrivacy.orElseThrow(
        () ->
            new IllegalStateException(
                "dataset '" + name + "' (" + file + ") declares no privacy block"));
  }

  /** The declared quasi-identifiers; none without a privacy block. */
  public List<PrivacySpec.QuasiIdentifier> quasiIdentifiers() {
    return declaredPrivacy.map(PrivacySpec::quasiIdentifiers).orElse(List.of());
  }

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  public DatasetPolicy withInputPath(String path) {
    return new DatasetPolicy(
        file,
        name,
        title,
        input.withPath(path),
        columns,
        techniques,
        declaredPrivacy,
        shuffleRecords);
  }
}
