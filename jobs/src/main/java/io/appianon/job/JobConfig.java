package io.appianon.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.PolicyException;
import io.appianon.core.Text;
import io.appianon.disclosure.DisclosureConfig;
import io.appianon.disclosure.DisclosureSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job configuration ({@code conf/application.conf}), layered the Typesafe Config way:
 * command-line overrides, then JVM system properties ({@code -Dappianon.release.output=...}), then
 * the file. Paths are relative to the working directory.
 */
public record JobConfig(
    String file,
    Optional<String> releaseId,
    Path output,
    boolean overwrite,
    String compression,
    Path quarantineDir,
    Path methodStoreDir,
    boolean keepSecret,
    Path hierarchiesDir,
    List<Path> datasets,
    Map<String, String> inputOverrides,
    Text producerName,
    Text producerContact,
    String sparkMaster,
    Map<String, String> sparkConf,
    Config raw)
    implements DisclosureSettings {

  public static JobConfig load(Path file, Config overrides) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new PolicyException(name, "", "configuration file not found");
    }
    Config config;
    try {
      config =
          overrides
              .withFallback(ConfigFactory.systemProperties())
              .withFallback(
                  ConfigFactory.parseFile(
                      file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
              .resolve();
    } catch (ConfigException e) {
      throw new PolicyException(name, "", "cannot parse configuration: " + e.getMessage(), e);
    }
    Conf root = new Conf(config, new Origin(name, ""));
    Conf a = root.section("appianon");
    a.allowOnly(
        Set.of(
            "release",
            "quarantine",
            "method-store",
            "hierarchies",
            "datasets",
            "inputs",
            "producer",
            "persons",
            "spark",
            "disclosure",
            "provisions",
            "work-dir"));
    Conf release = a.section("release");
    release.allowOnly(
        Set.of("id", "output", "overwrite", "compression", "kind", "purpose", "catalog-database"));
    String catalog = release.string("catalog-database", "");
    if (!catalog.isEmpty() && !io.appianon.release.ReleaseTables.NAME.matcher(catalog).matches()) {
      throw release.error(
          "catalog-database",
          "invalid value '"
              + catalog
              + "' (a database name: letters, digits and"
              + " _, not starting with a digit; empty: register no tables)");
    }
    io.appianon.release.ReleaseKind.parse(release);
    String id = release.string("id", "");
    String compression = release.string("compression", "snappy");
    if (!Set.of("snappy", "zstd", "gzip", "none", "uncompressed").contains(compression)) {
      throw release.error(
          "compression", "invalid value '" + compression + "' (snappy, zstd, gzip or none)");
    }
    Conf method = a.section("method-store");
    method.allowOnly(Set.of("dir", "keep-secret", "encrypt"));
    boolean sealed = method.bool("encrypt", false);
    if (io.appianon.release.ReleaseKind.parse(release)
            == io.appianon.release.ReleaseKind.PSEUDONYMOUS
        && !sealed) {
      throw method.error(
          "encrypt",
          "must be true for appianon.release.kind = pseudonymous: the deleted information"
              + " and processing method (削除情報等, APPI Art. 41(2), PPC Rule 32) are kept only sealed with "
              + io.appianon.release.SecretBox.ENV);
    }
    DisclosureConfig.parse(a);
    List<String> datasetFiles = a.strings("datasets");
    if (datasetFiles.isEmpty()) {
      throw a.error("datasets", "must list at least one policy file");
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    a.optSection("inputs")
        .ifPresent(
            s -> {
              for (String k : s.keys()) {
                inputs.put(k, s.string(k));
              }
            });
    a.string("work-dir", "");
    Conf producer = a.section("producer");
    producer.allowOnly(Set.of("name", "contact"));
    a.section("quarantine").allowOnly(Set.of("dir"));
    a.section("hierarchies").allowOnly(Set.of("dir"));
    Conf spark = a.section("spark");
    spark.allowOnly(Set.of("master", "app-name", "conf"));
    Map<String, String> sparkConf = new LinkedHashMap<>();
    spark
        .optSection("conf")
        .ifPresent(
            s -> {
              for (Map.Entry<String, ConfigValue> e : s.raw().entrySet()) {
                sparkConf.put(
                    e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
              }
            });
    return new JobConfig(
        name,
        id.isBlank() ? Optional.empty() : Optional.of(id),
        Path.of(release.string("output")),
        release.bool("overwrite", false),
        compression.equals("none") ? "uncompressed" : compression,
        Path.of(a.section("quarantine").string("dir")),
        Path.of(method.string("dir")),
        method.bool("keep-secret", false),
        Path.of(a.section("hierarchies").string("dir")),
        datasetFiles.stream().map(Path::of).toList(),
        inputs,
        producer.text("name"),
        producer.text("contact"),
        spark.string("master", "local[*]"),
        sparkConf,
        config);
  }

  public Origin origin(String key) {
    return new Origin(file, key);
  }

  /** {@code appianon.disclosure} and {@code appianon.provisions} (checked by {@link #load}). */
  public DisclosureConfig disclosure() {
    return DisclosureConfig.parse(new Conf(raw, new Origin(file, "")).section("appianon"));
  }

  /**
   * {@code appianon.work-dir}: the owner-only folder for the Spark local files (shuffle, spill) of
   * embedded runs; by default {@code work} next to the release output folder.
   */
  public Path workDir() {
    return raw.hasPath("appianon.work-dir")
        ? Path.of(raw.getString("appianon.work-dir"))
        : output.toAbsolutePath().normalize().resolveSibling("work");
  }

  /**
   * {@code appianon.release.catalog-database}: the Spark catalog database in which each published
   * dataset is registered as an external table (issue 22 item 7); empty (the default): none
   * (checked by {@link #load}).
   */
  public Optional<String> catalogDatabase() {
    String db =
        raw.hasPath("appianon.release.catalog-database")
            ? raw.getString("appianon.release.catalog-database")
            : "";
    return db.isEmpty() ? Optional.empty() : Optional.of(db);
  }

  /**
   * {@code appianon.release.kind}: anonymous (default) or pseudonymous (checked by {@link #load}).
   */
  public io.appianon.release.ReleaseKind releaseKind() {
    return io.appianon.release.ReleaseKind.parse(
        new Conf(raw, new Origin(file, "")).section("appianon").section("release"));
  }

  /**
   * {@code appianon.method-store.encrypt}: seal every method-store file with the passphrase in the
   * environment.
   */
  public boolean encryptMethodStore() {
    return raw.hasPath("appianon.method-store.encrypt")
        && raw.getBoolean("appianon.method-store.encrypt");
  }
}
