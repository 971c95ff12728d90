package io.appianon.policy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.PolicyException;
import io.appianon.core.Text;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.technique.Technique;
import io.appianon.technique.Techniques;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a dataset policy file (HOCON) into an immutable, validated {@link DatasetPolicy}.
 * Everything that can be checked without data is checked here, so a bad policy fails before Spark
 * reads a row: unknown keys, transforms, columns and types, parameter ranges, missing hierarchies,
 * and the APPI role rules ({@link DryRun}).
 */
public final class PolicyLoader {
  private PolicyLoader() {}

  public static DatasetPolicy load(Path file, HierarchyResolver hierarchies) {
    return load(file, hierarchies, ConfigFactory.empty());
  }

  /** Loads a policy with overrides (e.g. from the command line) layered on top of the file. */
  public static DatasetPolicy load(Path file, HierarchyResolver hierarchies, Config overrides) {
    return load(file, hierarchies, overrides, false);
  }

  /**
   * As above; {@code privacyOptional} lets the policy leave out its {@code privacy} block (only for
   * pseudonymously processed information, which needs no k-anonymity unless the policy adds one:
   * APPI Arts. 41-42, PPC Rule 31). An anonymous release needs it for every dataset (refused here,
   * naming the file and key).
   */
  public static DatasetPolicy load(
      Path file, HierarchyResolver hierarchies, Config overrides, boolean privacyOptional) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new PolicyException(name, "", "policy file not found");
    }
    Config config;
    try {
      config =
          overrides
              .withFallback(
                  ConfigFactory.parseFile(
                      file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
              .resolve();
    } catch (ConfigException e) {
      throw new PolicyException(name, "", "cannot parse policy: " + e.getMessage(), e);
    }
    return parse(new Conf(config, new Origin(name, "")), hierarchies, privacyOptional);
  }

  public static DatasetPolicy parse(Conf root, HierarchyResolver hierarchies) {
    return parse(root, hierarchies, false);
  }

  public static DatasetPolicy parse(
      Conf root, HierarchyResolver hierarchies, boolean privacyOptional) {
    root.allowOnly(Set.of("dataset"));
    Conf d = root.section("dataset");
    d.allowOnly(
        Set.of("name", "title", "input", "columns", "transforms", "privacy", "shuffle-records"));
    String name = d.string("name");
    if (!name.matches("[a-z][a-z0-9_-]*")) {
      throw d.error(
          "name", "invalid dataset name '" + name + "' (lower-case letters, digits, - and _)");
    }
    Text title = d.optText("title").orElse(Text.of(name, name));
    InputSpec input = InputSpec.parse(d.section("input"));
    List<ColumnSpec> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Conf c : d.sections("columns")) {
      ColumnSpec spec = ColumnSpec.parse(c);
      if (!seen.add(spec.name())) {
        throw c.error("name", "column '" + spec.name() + "' declared twice");
      }
      columns.add(spec);
    }
    if (columns.isEmpty()) {
      throw d.error("columns", "must declare the input columns (name, type, role)");
    }
    List<Technique> techniques = new ArrayList<>();
    for (Conf t : d.sections("transforms")) {
      techniques.add(Techniques.parse(t, hierarchies));
    }
    if (!d.has("privacy") && !privacyOptional) {
      throw d.error(
          "privacy",
          "missing required section: an anonymous release (appianon.release.kind = anonymous)"
              + " needs every dataset's privacy model (k-anonymity over its quasi-identifiers); only the pseudonymous kind"
              + " may leave it out");
    }
    Optional<PrivacySpec> privacy =
        d.optSection("privacy").map(s -> PrivacySpec.parse(s, hierarchies));
    DatasetPolicy policy =
        new DatasetPolicy(
            d.origin().file(),
            name,
            title,
            input,
            List.copyOf(columns),
            List.copyOf(techniques),
            privacy,
            d.bool("shuffle-records", true));
    DryRun.of(policy); // schema pass + APPI role rules: throws PolicyException naming the key
    return policy;
  }
}
