package io.appianon.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.appianon.disclosure.AnnouncementException;
import io.appianon.io.InputException;
import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.job.JobOptions;
import io.appianon.pipeline.Plan;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PolicyException;
import io.appianon.policy.PrivacySpec;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import io.appianon.release.FileDigests;
import io.appianon.release.MethodKeyException;
import io.appianon.release.ReleaseException;
import io.appianon.release.ReleaseStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code appi-anon <command> [options]}: the command line of the batch jobs. Errors end with a one-line message on
 * stderr and a distinct exit code ({@link ExitCode}).
 */
public final class Main {
  static final String USAGE = """
      Usage: appi-anon <command> [options]

      Commands:
        anonymize   read the datasets, anonymize them and publish one release (default)
        plan        print the plan of every dataset (columns, roles, transforms, privacy model); writes nothing
        validate    read and validate every dataset; print valid and quarantined rows by reason; writes nothing
        generate    write synthetic survey and purchase CSVs of any size (generate --help)
        announce    publish an announcement of the planned categories, processing and methods of provision into
                    <output>/disclosures/ (dated now), before the releases it covers
        provide RELEASE-ID --recipient ID --method METHOD [--recipient-name NAME]
                    package a published release for a third party (METHOD web: publication on the internet)
        provisions list
                    list the provision records (append-only log)
        method-info RELEASE-ID [--file NAME]
                    list (or print one file of) a release's processing-method information; privacy office only
        help        show this help; <command> --help shows the command's help

      Options:
        --config FILE       job configuration (default conf/application.conf)
        --release-id ID     release id (default: UTC time, e.g. 20261123-093000)
        --output DIR        release output root (appianon.release.output)
        --overwrite         replace an existing release with the same id
        --dry-run           same as the plan command
        --reuse-secret ID   anonymize with the pseudonym secret kept (sealed) by release ID, reproducing its
                            pseudonyms; needs APPIANON_METHOD_KEY
        --set KEY=VALUE     override a key of the job configuration, appianon.* (repeatable; an unknown key
                            fails), e.g. --set appianon.inputs.survey=/data/survey.csv. Policy keys (dataset.*)
                            are set in the policy files
        -h, --help          show this help

      Exit codes:
      %s""";

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (!exitsJvm(code, System.getProperties())) {
      return;
    }
    System.exit(code);
  }

  /**
   * Whether main ends with System.exit(code). Not on success in YARN cluster mode: there the ApplicationMaster runs
   * main in a thread of its own JVM and reports any System.exit, even 0, as an early exit (application FAILED, and
   * retried); returning lets it report SUCCEEDED. A failure still exits, so YARN reports it failed.
   */
  static boolean exitsJvm(int code, java.util.Properties sys) {
    boolean yarnClusterDriver = "yarn".equals(sys.getProperty("spark.master"))
        && "cluster".equals(sys.getProperty("spark.submit.deployMode"));
    return code != ExitCode.OK.code() || !yarnClusterDriver;
  }

  /** Runs a command on a new embedded or spark-submit session and returns its exit code (never exits the JVM). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, CliContext.system());
  }

  /** As {@link #run(String[], PrintStream, PrintStream)} with an injected clock, environment and SparkSession. */
  public static int run(String[] args, PrintStream out, PrintStream err, CliContext ctx) {
    if (args.length > 0 && args[0].equals("generate")) {
      try {
        io.appianon.generate.SampleDataGenerator.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        return ExitCode.OK.code();
      } catch (IllegalArgumentException | java.io.IOException e) {
        err.println("appi-anon: generate: " + e.getMessage());
        return ExitCode.CONFIG.code();
      }
    }
    RunAudit audit = new RunAudit(args, ctx.clock());
    int code = execute(args, out, audit.tee(err), ctx, audit);
    return audit.finish(code, err);
  }

  private static int execute(String[] args, PrintStream out, PrintStream err, CliContext ctx, RunAudit audit) {
    String command = "anonymize";
    Path configFile = Path.of("conf/application.conf");
    Map<String, Object> overrides = new LinkedHashMap<>();
    boolean dryRun = false;
    List<String> rest = new ArrayList<>();
    Map<String, String> opts = new LinkedHashMap<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "-h", "--help", "help" -> {
            String cmd = rest.isEmpty() ? null : rest.get(0);
            out.println(cmd != null && COMMAND_HELP.containsKey(cmd) ? COMMAND_HELP.get(cmd) : usage());
            return ExitCode.OK.code();
          }
          case "--config" -> configFile = Path.of(value(args, ++i, a));
          case "--release-id" -> overrides.put("appianon.release.id", value(args, ++i, a));
          case "--output" -> overrides.put("appianon.release.output", value(args, ++i, a));
          case "--overwrite" -> overrides.put("appianon.release.overwrite", true);
          case "--dry-run" -> dryRun = true;
          case "--reuse-secret", "--recipient", "--recipient-name", "--method", "--file" ->
              opts.put(a, value(args, ++i, a));
          case "--set" -> {
            String kv = value(args, ++i, a);
            int eq = kv.indexOf('=');
            if (eq <= 0) {
              throw new UsageException("--set needs KEY=VALUE, got '" + kv + "'");
            }
            String key = kv.substring(0, eq);
            String val = kv.substring(eq + 1);
            if (!key.startsWith("appianon.")) {
              throw new PolicyException("--set", key, "unknown key: --set overrides keys of the job configuration"
                  + " (appianon.*). Policy settings (dataset.*) are not overridable on the command line: edit a copy"
                  + " of the policy file and point the job at it, e.g. --set appianon.datasets=[\"my-survey.conf\","
                  + "\"conf/policies/purchases.conf\"]");
            }
            // Lists and objects in HOCON syntax (e.g. --set appianon.datasets=["a.conf","b.conf"]); else a string.
            overrides.put(key, val.startsWith("[") || val.startsWith("{")
                ? ConfigFactory.parseString("v = " + val).getValue("v").unwrapped() : val);
          }
          default -> {
            if (a.startsWith("-")) {
              throw new UsageException("unknown option " + a);
            }
            rest.add(a);
          }
        }
      }
      if (!rest.isEmpty()) {
        command = rest.remove(0);
      }
      if (!rest.isEmpty() && !DisclosureCommands.COMMANDS.contains(command)) {
        throw new UsageException("unexpected argument " + rest.get(0));
      }
      Config over = ConfigFactory.parseMap(overrides, "command line");
      JobConfig config = JobConfig.load(configFile, over);
      audit.config(config, command);
      if (!command.equals("anonymize") || dryRun) {
        say(audit.begin(), err);
      }
      if (command.equals("anonymize") || command.equals("validate")) {
        clearStaleWork(config, err);
      }
      switch (command) {
        case "anonymize" -> {
          JobOptions options = new JobOptions(ctx.clock(), ctx.env(), Optional.ofNullable(opts.get("--reuse-secret")));
          AnonymizeJob job = new AnonymizeJob(config, options);
          if (dryRun) {
            printPlan(job, out);
            return ExitCode.OK.code();
          }
          String releaseId = job.releaseId();
          audit.anonymize(releaseId, job.policies(), options.reuseSecretOf());
          // The lock, the repair of a killed run and the release-id check come before Spark starts (which takes long).
          try (ReleaseStore store = ReleaseStore.open(config.output())) {
            say(store.recovered(), err);
            say(audit.begin(), err);
            ReleaseStore.checkId(releaseId);
            job.preflight(releaseId);
            if (store.exists(releaseId) && !config.overwrite()) {
              return alreadyPublished(store, releaseId, audit, out);
            }
            store.shareWithCurrentThread();
            SparkSession spark = ctx.spark().orElseGet(() -> SparkSessions.create(config));
            try {
              AnonymizeJob.Summary s = job.run(spark, releaseId);
              audit.put("release_manifest_sha256", FileDigests.sha256(s.release().resolve("manifest.json")));
              printSummary(s, out);
            } finally {
              if (ctx.spark().isEmpty()) {
                SparkSessions.stop(spark);
              }
            }
          }
          return ExitCode.OK.code();
        }
        case "announce", "provide", "provisions", "method-info" -> {
          return DisclosureCommands.run(command, rest, opts, config, ctx, audit, out);
        }
        case "plan" -> {
          printPlan(new AnonymizeJob(config), out);
          return ExitCode.OK.code();
        }
        case "validate" -> {
          AnonymizeJob job = new AnonymizeJob(config);
          SparkSession spark = ctx.spark().orElseGet(() -> SparkSessions.create(config));
          try {
            printValidation(job.validate(spark), out);
          } finally {
            if (ctx.spark().isEmpty()) {
              SparkSessions.stop(spark);
            }
          }
          return ExitCode.OK.code();
        }
        default -> throw new UsageException("unknown command '" + command + "' (anonymize, plan, validate, generate,"
            + " announce, provide, provisions, method-info, help)");
      }
    } catch (UsageException e) {
      err.println("appi-anon: " + e.getMessage() + " (see --help)");
      return ExitCode.CONFIG.code();
    } catch (PolicyException e) {
      err.println("appi-anon: config error: " + e.getMessage());
      return ExitCode.CONFIG.code();
    } catch (InputException | io.appianon.pipeline.SentinelException e) {
      err.println("appi-anon: input error: " + e.getMessage());
      return ExitCode.INPUT.code();
    } catch (PrivacyUnsatisfiableException e) {
      err.println("appi-anon: privacy model not satisfiable: " + e.getMessage());
      return ExitCode.PRIVACY.code();
    } catch (ReleaseException e) {
      err.println("appi-anon: release error: " + e.getMessage());
      return ExitCode.RELEASE.code();
    } catch (AnnouncementException e) {
      err.println("appi-anon: not announced: " + e.getMessage());
      return ExitCode.ANNOUNCEMENT.code();
    } catch (MethodKeyException e) {
      err.println("appi-anon: method-store key error: " + e.getMessage());
      return ExitCode.CONFIG.code();
    } catch (IOException e) {
      return unexpected(new UncheckedIOException(e), err);
    } catch (RuntimeException | Error e) {
      return unexpected(e, err);
    }
  }

  /** An unexpected failure: the stack trace, then the one-line message (an input error found inside Spark: exit 3). */
  private static int unexpected(Throwable e, PrintStream err) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof InputException ie) {
      err.println("appi-anon: input error: " + ie.getMessage());
      return ExitCode.INPUT.code();
    }
    e.printStackTrace(err);
    err.println("appi-anon: internal error: " + e);
    return ExitCode.INTERNAL.code();
  }

  /**
   * A release that exists and is not to be overwritten: exit 0 when the run that published it (found in the audit
   * trail by the SHA-256 of its manifest) had the same inputs, policies, hierarchies and configuration as this one (a
   * scheduler's retry); otherwise a release conflict naming what differs.
   */
  private static int alreadyPublished(ReleaseStore store, String releaseId, RunAudit audit, PrintStream out)
      throws IOException {
    Path release = store.releasePath(releaseId);
    Path manifest = release.resolve("manifest.json");
    Optional<Map<String, Object>> publisher = Files.isRegularFile(manifest)
        ? audit.publisherOf(releaseId, FileDigests.sha256(manifest)) : Optional.empty();
    if (publisher.isEmpty()) {
      throw new ReleaseException("release " + release + " already exists (no finished run that published it is in"
          + " the audit trail); choose another release id or pass --overwrite");
    }
    Map<?, ?> theirs = publisher.get().get("identity") instanceof Map<?, ?> m ? m : Map.of();
    List<String> differ = new ArrayList<>();
    audit.identity().forEach((k, v) -> {
      if (!v.equals(theirs.get(k))) {
        differ.add(k);
      }
    });
    if (!differ.isEmpty() || theirs.isEmpty()) {
      throw new ReleaseException("release " + release + " already exists, published by the run of "
          + publisher.get().get("at") + " from different " + (differ.isEmpty() ? "inputs or configuration"
          : String.join(", ", differ)) + "; choose another release id or pass --overwrite");
    }
    audit.put("already_published", true);
    out.println("Release " + releaseId + " is already published at " + release.toAbsolutePath() + " by the run of "
        + publisher.get().get("at") + " from the same inputs, policies, hierarchies and configuration; nothing to do.");
    return ExitCode.OK.code();
  }

  /** Removes the Spark work folders killed runs left (raw rows in shuffle files). */
  private static void clearStaleWork(JobConfig config, PrintStream err) {
    try {
      for (Path p : SparkSessions.clearStale(config)) {
        err.println("appi-anon: removed the Spark work folder of a killed run: " + p);
      }
    } catch (IOException e) {
      err.println("appi-anon: warning: cannot clear the Spark work folder " + config.workDir() + ": " + e);
    }
  }

  private static void say(List<String> notes, PrintStream err) {
    notes.forEach(n -> err.println("appi-anon: " + n));
  }

  static String usage() {
    StringBuilder codes = new StringBuilder();
    for (ExitCode c : ExitCode.values()) {
      codes.append(String.format("  %d  %s%n", c.code(), c.meaning()));
    }
    return String.format(USAGE, codes);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  static void printPlan(AnonymizeJob job, PrintStream out) {
    for (DatasetPolicy p : job.policies()) {
      Plan plan = Plan.of(p);
      out.println("dataset " + p.name() + " (" + p.file() + ")");
      out.println("  input: " + p.input().path() + " [" + p.input().format() + ", " + p.input().encoding() + "]");
      out.println("  columns:");
      p.columns().forEach(c -> out.printf("    %-18s %-9s %s%n", c.name(), c.type().configName(),
          c.role().configName()));
      out.println("  transforms:");
      p.techniques().forEach(t -> out.println("    " + t.type() + "  (" + t.origin().path() + ")"));
      PrivacySpec ps = p.privacy();
      out.println("  privacy: k=" + ps.k() + ", max suppression " + ps.maxSuppression());
      ps.quasiIdentifiers().forEach(q -> out.println("    quasi-identifier " + q.column() + ": hierarchy "
          + q.hierarchy().name() + ", level " + q.level().map(String::valueOf).orElse("searched")));
      out.println("  output columns: " + String.join(", ", plan.outputColumns()));
    }
    job.persons().ifPresent(s -> {
      out.println("persons (" + io.appianon.policy.PersonSpec.KEY + "): one person = one pseudonym of domain '"
          + s.domain() + "' in " + String.join(", ", s.datasets(job.policies())));
      out.println("  (k=" + s.k() + ", k^m with m=" + s.m() + ")-anonymity over " + s.relational()
          .map(r -> "the quasi-identifiers of " + r).orElse("no relational dataset") + " + items "
          + s.items().stream().map(i -> i.dataset() + "." + i.column() + " (" + i.hierarchy().name() + ")").toList()
          + ", max suppression " + s.maxSuppression() + " of persons; audited on the written files");
    });
  }

  static final Map<String, String> COMMAND_HELP = Map.of(
      "anonymize", """
          Usage: appi-anon anonymize [--config FILE] [--release-id ID] [--output DIR] [--overwrite] [--dry-run]
                                     [--set KEY=VALUE ...]
          Reads every dataset listed in appianon.datasets, validates it (bad rows to quarantine), applies its policy and
          publishes one release atomically to <output>/<release-id>/ with manifest.json and report.json.
          A rerun for a published release id without --overwrite exits 0 when that release was made from the same
          inputs, policies, hierarchies and configuration, and 5 otherwise.
          --dry-run prints the plan instead (see plan).""",
      "plan", """
          Usage: appi-anon plan [--config FILE] [--set KEY=VALUE ...]
          Loads and checks every policy (no data is read) and prints its columns, roles, transforms and privacy
          model. A policy error exits with code 2 and names the file and key.""",
      "validate", """
          Usage: appi-anon validate [--config FILE] [--set KEY=VALUE ...]
          Reads and validates every dataset and prints rows read, valid and quarantined by reason. Writes nothing.""");

  static void printValidation(List<AnonymizeJob.Validation> results, PrintStream out) {
    for (AnonymizeJob.Validation v : results) {
      out.printf("dataset %s (%s): %d rows read, %d valid, %d would be quarantined%n", v.name(), v.path(),
          v.input(), v.input() - v.quarantined(), v.quarantined());
      v.quarantinedByReason().forEach((reason, n) -> out.printf("  %6d  %s%n", n, reason));
    }
  }

  static void printSummary(AnonymizeJob.Summary s, PrintStream out) {
    out.println();
    out.println("Release " + s.releaseId() + " published to " + s.release().toAbsolutePath());
    out.printf("  %-12s %10s %10s %10s %11s %4s %6s %14s%n", "dataset", "rows in", "published", "suppressed",
        "quarantined", "k", "loss", "max risk b/a");
    for (AnonymizeJob.DatasetSummary d : s.datasets()) {
      out.printf(java.util.Locale.ROOT, "  %-12s %10d %10d %10d %11d %4d %6.3f %6.3f/%6.3f%n", d.name(), d.input(),
          d.published(), d.suppressed(), d.quarantined(), d.kAchieved(), d.number("loss_after", "loss"),
          d.number("risk_before", "prosecutor_max"), d.number("risk_after", "prosecutor_max"));
    }
    out.println("  (loss: information loss 0..1 of the chosen generalization; max risk: highest prosecutor"
        + " re-identification risk before/after)");
    s.persons().forEach(line -> out.println("  persons: " + line));
    out.println("  manifest: " + s.release().resolve("manifest.json"));
    out.println("  report:   " + s.release().resolve("report.json"));
    out.println("  quarantine (personal data, owner-only): " + s.quarantine());
    out.println("  processing-method information (owner-only): " + s.methodStore());
  }

  /** A command-line mistake. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
