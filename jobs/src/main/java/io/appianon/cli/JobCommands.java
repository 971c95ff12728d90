package io.appianon.cli;

import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.job.JobOptions;
import io.appianon.policy.DatasetPolicy;
import io.appianon.release.FileDigests;
import io.appianon.release.ReleaseException;
import io.appianon.release.ReleaseStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The job commands of the command line: anonymize, plan, validate. */
final class JobCommands {
  private JobCommands() {}

  /** A command that reads the job configuration: --config, --output, --set and its own --help. */
  abstract static class ConfigCommand implements Callable<Integer> {
    final Main.Env env;

    @Mixin ConfigOptions options;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "show this help")
    boolean help;

    ConfigCommand(Main.Env env) {
      this.env = env;
    }

    /**
     * Loads the configuration, records it in the audit trail and reports what the audit repaired.
     */
    JobConfig config(String command, Map<String, Object> extra, boolean begin) {
      JobConfig config = options.load(extra);
      env.audit().config(config, command);
      if (begin) {
        say(env.audit().begin(), env.err());
      }
      return config;
    }

    SparkSession spark(JobConfig config) {
      return env.ctx().spark().orElseGet(() -> SparkSessions.create(config));
    }

    void stop(SparkSession spark) {
      if (env.ctx().spark().isEmpty()) {
        SparkSessions.stop(spark);
      }
    }
  }

  @Command(
      name = "anonymize",
      separator = " ",
      description = {
        "Anonymizes the datasets and publishes one release (the default command).",
        "Reads every dataset listed in appianon.datasets, validates it (bad rows to quarantine), applies its policy"
            + " and publishes one release atomically to <output>/<release-id>/ (the data, manifest.json, report.json)."
            + " A rerun for a published release id without --overwrite exits 0 when that release was made from the"
            + " same inputs, policies, hierarchies and configuration, and 5 otherwise."
      })
  static final class Anonymize extends ConfigCommand {
    @Option(
        names = "--release-id",
        paramLabel = "ID",
        description = "release id (default: the time, e.g." + " 20261123-093000)")
    String releaseId;

    @Option(names = "--overwrite", description = "replace an existing release with the same id")
    boolean overwrite;

    @Option(
        names = "--dry-run",
        description = "print the plan instead (as the plan command); writes nothing")
    boolean dryRun;

    @Option(
        names = "--reuse-secret",
        paramLabel = "ID",
        description = {
          "anonymize with the pseudonym secret kept"
              + " (sealed) by release ID, reproducing its pseudonyms; needs APPIANON_METHOD_KEY"
        })
    String reuseSecret;

    Anonymize(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() throws IOException {
      Map<String, Object> extra = new LinkedHashMap<>();
      if (releaseId != null) {
        extra.put("appianon.release.id", releaseId);
      }
      if (overwrite) {
        extra.put("appianon.release.overwrite", true);
      }
      JobConfig config = config("anonymize", extra, dryRun);
      PrintStream out = env.out();
      PrintStream err = env.err();
      RunAudit audit = env.audit();
      clearStaleWork(config, err);
      JobOptions jobOptions =
          new JobOptions(env.ctx().clock(), env.ctx().env(), Optional.ofNullable(reuseSecret));
      AnonymizeJob job = new AnonymizeJob(config, jobOptions);
      if (dryRun) {
        printPlan(job, out);
        return ExitCode.OK.code();
      }
      String id = job.releaseId();
      audit.anonymize(id, job.policies(), jobOptions.reuseSecretOf());
      // The lock, the repair of a killed run and the release-id check come before Spark starts
      // (which takes long).
      try (ReleaseStore store = ReleaseStore.open(config.output())) {
        say(store.recovered(), err);
        say(audit.begin(), err);
        ReleaseStore.checkId(id);
        job.preflight(id);
        if (store.exists(id) && !config.overwrite()) {
          return alreadyPublished(store, id, audit, out, config.disclosure().zone());
        }
        store.shareWithCurrentThread();
        SparkSession spark = spark(config);
        try {
          AnonymizeJob.Summary s = job.run(spark, id);
          audit.put(
              "release_manifest_sha256", FileDigests.sha256(s.release().resolve("manifest.json")));
          printSummary(s, out);
        } finally {
          stop(spark);
        }
      }
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "plan",
      separator = " ",
      description = {
        "Prints the plan of every dataset; reads no data and writes nothing.",
        "Loads and checks every policy and prints its columns, roles, transforms and privacy model. A policy error"
            + " exits with code 2 and names the file and key."
      })
  static final class Plan extends ConfigCommand {
    Plan(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() {
      JobConfig config = config("plan", Map.of(), true);
      printPlan(new AnonymizeJob(config), env.out());
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "validate",
      separator = " ",
      description = {
        "Reads and validates every dataset; writes nothing.",
        "Prints the rows read, valid and quarantined by reason."
      })
  static final class Validate extends ConfigCommand {
    Validate(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() {
      JobConfig config = config("validate", Map.of(), true);
      clearStaleWork(config, env.err());
      AnonymizeJob job = new AnonymizeJob(config);
      SparkSession spark = spark(config);
      try {
        printValidation(job.validate(spark), env.out());
      } finally {
        stop(spark);
      }
      return ExitCode.OK.code();
    }
  }

  /**
   * A release that exists and is not to be overwritten: exit 0 when the run that published it
   * (found in the audit trail by the SHA-256 of its manifest) had the same inputs, policies,
   * hierarchies and configuration as this one (a scheduler's retry); otherwise a release conflict
   * naming what differs.
   */
  private static int alreadyPublished(
      ReleaseStore store, String releaseId, RunAudit audit, PrintStream out, java.time.ZoneId zone)
      throws IOException {
    Path release = store.releasePath(releaseId);
    Path manifest = release.resolve("manifest.json");
    Optional<Map<String, Object>> publisher =
        Files.isRegularFile(manifest)
            ? audit.publisherOf(releaseId, FileDigests.sha256(manifest))
            : Optional.empty();
    if (publisher.isEmpty()) {
      throw new ReleaseException(
          "release "
              + release
              + " already exists (no finished run that published it is in"
              + " the audit trail); choose another release id or pass --overwrite");
    }
    Map<?, ?> theirs = publisher.get().get("identity") instanceof Map<?, ?> m ? m : Map.of();
    String at = humanTime(publisher.get().get("at"), zone);
    List<String> differ = new ArrayList<>();
    audit
        .identity()
        .forEach(
            (k, v) -> {
              if (!v.equals(theirs.get(k))) {
                differ.add(k);
              }
            });
    if (!differ.isEmpty() || theirs.isEmpty()) {
      throw new ReleaseException(
          "release "
              + release
              + " already exists, published by the run of "
              + at
              + " from different "
              + (differ.isEmpty() ? "inputs or configuration" : String.join(", ", differ))
              + "; choose another release id or pass --overwrite");
    }
    audit.put("already_published", true);
    out.println(
        "Release "
            + releaseId
            + " is already published at "
            + release.toAbsolutePath()
            + " by the run of "
            + at
            + " from the same inputs, policies, hierarchies and configuration; nothing to do.");
    return ExitCode.OK.code();
  }

  /**
   * An ISO instant of the audit trail as a person reads it (7 Dec 2026 14:22 JST); as is when not
   * an instant.
   */
  private static String humanTime(Object iso, java.time.ZoneId zone) {
    try {
      return io.appianon.disclosure.HumanTime.timeEn(
          java.time.Instant.parse(String.valueOf(iso)), zone);
    } catch (java.time.format.DateTimeParseException e) {
      return String.valueOf(iso);
    }
  }

  /** Removes the Spark work folders killed runs left (raw rows in shuffle files). */
  private static void clearStaleWork(JobConfig config, PrintStream err) {
    try {
      for (Path p : SparkSessions.clearStale(config)) {
        err.println("appi-anon: removed the Spark work folder of a killed run: " + p);
      }
    } catch (IOException e) {
      err.println(
          "appi-anon: warning: cannot clear the Spark work folder " + config.workDir() + ": " + e);
    }
  }

  static void say(List<String> notes, PrintStream err) {
    notes.forEach(n -> err.println("appi-anon: " + n));
  }

  static void printPlan(AnonymizeJob job, PrintStream out) {
    for (DatasetPolicy p : job.policies()) {
      io.appianon.pipeline.Plan plan = io.appianon.pipeline.Plan.of(p);
      out.println("dataset " + p.name() + " (" + p.file() + ")");
      out.println(
          "  input: "
              + p.input().path()
              + " ["
              + p.input().format()
              + ", "
              + p.input().encoding()
              + "]");
      out.println("  columns:");
      p.columns()
          .forEach(
              c ->
                  out.printf(
                      "    %-18s %-9s %s%n",
                      c.name(), c.type().configName(), c.role().configName()));
      out.println("  transforms:");
      p.techniques().forEach(t -> out.println("    " + t.type() + "  (" + t.origin().path() + ")"));
      if (!p.hasPrivacy()) {
        out.println(
            "  privacy: no model (no privacy block; the pseudonymous kind needs none unless the policy adds"
                + " one)");
      }
      p.declaredPrivacy()
          .ifPresent(
              ps ->
                  out.println(
                      "  privacy: k="
                          + ps.k()
                          + ", max suppression "
                          + ps.maxSuppression()
                          + (ps.levelsFixed() ? "" : ", objective " + ps.objective())));
      // the analyst's priorities next to each other: the cap (max-level) and the weight in the
      // objective
      p.quasiIdentifiers()
          .forEach(
              q ->
                  out.println(
                      "    quasi-identifier "
                          + q.column()
                          + ": hierarchy "
                          + q.hierarchy().name()
                          + ", level "
                          + q.level().map(String::valueOf).orElse("searched")
                          + q.maxLevel().map(l -> ", at most level " + l).orElse("")
                          + (q.weight() != 1.0
                              ? ", weight "
                                  + java.math.BigDecimal.valueOf(q.weight())
                                      .stripTrailingZeros()
                                      .toPlainString()
                              : "")));
      out.println("  output columns: " + String.join(", ", plan.outputColumns()));
    }
    job.persons()
        .ifPresent(
            s -> {
              out.println(
                  "persons ("
                      + io.appianon.policy.PersonSpec.KEY
                      + "): one person = one pseudonym of domain '"
                      + s.domain()
                      + "' in "
                      + String.join(", ", s.datasets(job.policies())));
              out.println(
                  "  (k="
                      + s.k()
                      + ", k^m with m="
                      + s.m()
                      + ")-anonymity over "
                      + s.relational()
                          .map(r -> "the quasi-identifiers of " + r)
                          .orElse("no relational dataset")
                      + " + items "
                      + s.items().stream()
                          .map(
                              i ->
                                  i.dataset()
                                      + "."
                                      + i.column()
                                      + " ("
                                      + i.hierarchy().name()
                                      + (i.cap() < i.hierarchy().maxLevel()
                                          ? ", at most level " + i.cap()
                                          : "")
                                      + ")")
                          .toList()
                      + ", max suppression "
                      + s.maxSuppression()
                      + " of persons"
                      + (s.maxItemSuppression() > 0
                          ? ", rare items removed up to "
                              + s.maxItemSuppression()
                              + " of the item rows"
                          : "")
                      + "; audited on the written files");
            });
  }

  static void printValidation(List<AnonymizeJob.Validation> results, PrintStream out) {
    for (AnonymizeJob.Validation v : results) {
      out.printf(
          "dataset %s (%s): %d rows read, %d valid, %d would be quarantined%n",
          v.name(), v.path(), v.input(), v.input() - v.quarantined(), v.quarantined());
      v.quarantinedByReason().forEach((reason, n) -> out.printf("  %6d  %s%n", n, reason));
    }
  }

  static void printSummary(AnonymizeJob.Summary s, PrintStream out) {
    out.println();
    out.println("Release " + s.releaseId() + " published to " + s.release().toAbsolutePath());
    out.printf(
        "  %-12s %10s %10s %10s %11s %4s %6s %14s%n",
        "dataset",
        "rows in",
        "published",
        "suppressed",
        "quarantined",
        "k",
        "loss",
        "max risk b/a");
    for (AnonymizeJob.DatasetSummary d : s.datasets()) {
      out.printf(
          java.util.Locale.ROOT,
          "  %-12s %10d %10d %10d %11d %4s %6.3f %6.3f/%6.3f%n",
          d.name(),
          d.input(),
          d.published(),
          d.suppressed(),
          d.quarantined(),
          d.privacy().get("k_achieved") == null ? "-" : String.valueOf(d.kAchieved()),
          d.number("loss_after", "loss"),
          d.number("risk_before", "prosecutor_max"),
          d.number("risk_after", "prosecutor_max"));
    }
    out.println(
        "  (loss: information loss 0..1 of the chosen generalization; max risk: highest prosecutor"
            + " re-identification risk before/after)");
    s.persons().forEach(line -> out.println("  persons: " + line));
    out.println("  manifest: " + s.release().resolve("manifest.json"));
    out.println("  report:   " + s.release().resolve("report.json"));
    out.println("  quarantine (personal data, owner-only): " + s.quarantine());
    out.println("  processing-method information (owner-only): " + s.methodStore());
  }
}
