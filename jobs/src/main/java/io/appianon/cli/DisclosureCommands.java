package io.appianon.cli;

import io.appianon.disclosure.Announcer;
import io.appianon.disclosure.Change;
import io.appianon.disclosure.DisclosureConfig;
import io.appianon.disclosure.DisclosureHistory;
import io.appianon.disclosure.HistoryEntry;
import io.appianon.disclosure.Provisioner;
import io.appianon.io.InputException;
import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.job.JobOptions;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.MethodStore;
import io.appianon.release.SecretBox;
import io.appianon.technique.PseudonymKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** The disclosure commands of the command line: announce, provide, provisions list, method-info. */
final class DisclosureCommands {
  static final Set<String> COMMANDS = Set.of("announce", "provide", "provisions", "method-info", "method-delete");

  private DisclosureCommands() {}

  static int run(String command, List<String> args, Map<String, String> opts, JobConfig config, CliContext ctx,
      RunAudit audit, PrintStream out) {
    try {
      return switch (command) {
        case "announce" -> announce(args, config, ctx, audit, out);
        case "provide" -> provide(args, opts, config, ctx, audit, out);
        case "provisions" -> provisions(args, config, ctx, out);
        case "method-info" -> methodInfo(args, opts, config, ctx, audit, out);
        case "method-delete" -> methodDelete(args, config, audit, out);
        default -> throw new Main.UsageException("unknown command '" + command + "'");
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int announce(List<String> args, JobConfig config, CliContext ctx, RunAudit audit, PrintStream out)
      throws IOException {
    noArgs(args, "announce");
    if (config.releaseKind() == io.appianon.release.ReleaseKind.PSEUDONYMOUS) {
      return PurposeCommand.announce(config, ctx, audit, out); // no categories: the purpose of use (Art. 41(4))
    }
    AnonymizeJob job = new AnonymizeJob(config, new JobOptions(ctx.clock(), ctx.env(), Optional.empty()));
    HistoryEntry e = Announcer.announce(config, job.policies(), job.persons(), ctx.clock());
    audit.put("announcement", e.id());
    DisclosureConfig dc = config.disclosure();
    out.println("Announcement " + e.id() + " written to " + DisclosureHistory.load(config.output()).dir());
    out.println("  " + e.coverage().orElse(DisclosureConfig.Coverage.SINGLE).describe().en());
    if (e.changesSince().isEmpty()) {
      out.println("  first announcement");
    } else if (e.changes().isEmpty()) {
      out.println("  no change since " + e.changesSince().get());
    } else {
      out.println("  changes since " + e.changesSince().get() + ":");
      for (Change c : e.changes()) {
        out.println("    - " + c.text().en());
      }
    }
    out.println("  Publish now: upload index.html, " + e.page() + " (and index.json) to the company website.");
    out.println("  Provisions it covers are allowed from " + e.at().plus(dc.minNotice()) + " (min-notice "
        + dc.minNotice() + ").");
    return ExitCode.OK.code();
  }

  private static int provide(List<String> args, Map<String, String> opts, JobConfig config, CliContext ctx,
      RunAudit audit, PrintStream out) throws IOException {
    if (args.size() != 1) {
      throw new Main.UsageException("provide needs one release id, e.g. provide 20261123-093000 --recipient acme"
          + " --method encrypted-transfer");
    }
    String recipient = required(opts, "--recipient");
    String method = required(opts, "--method");
    if (!Provisioner.RECIPIENT.matcher(recipient).matches()) {
      throw new Main.UsageException("invalid --recipient '" + recipient + "' (letters, digits, '.', '_' and '-';"
          + " give the full name with --recipient-name)");
    }
    String releaseId = args.get(0);
    audit.put("release_id", releaseId);
    audit.put("recipient", recipient);
    audit.put("method", method);
    // Spark only when the release has pseudonyms to re-key for this recipient
    SparkSession[] made = {null};
    Provisioner p = new Provisioner(config, ctx.clock(), ctx.env(), () -> ctx.spark().orElseGet(() -> {
      if (made[0] == null) {
        made[0] = SparkSessions.create(config);
      }
      return made[0];
    }), PseudonymKey::generate);
    Map<String, Object> r;
    try {
      r = p.provide(new Provisioner.Request(releaseId, recipient, opts.getOrDefault("--recipient-name", recipient),
          method));
    } finally {
      if (made[0] != null) {
        SparkSessions.stop(made[0]);
      }
    }
    audit.put("provision_id", r.get("provision_id"));
    out.println("Release " + releaseId + " provided to " + recipient + " (" + r.get("provision_id") + ")");
    out.println("  package: " + r.get("package"));
    out.println("  notice to send with it (in writing or by e-mail): NOTICE.ja.txt, NOTICE.en.txt");
    out.println("  record: provision.json, appended to " + p.log().file());
    if (r.get("pseudonyms") instanceof Map<?, ?> ps) {
      out.println("  pseudonyms re-keyed for this recipient only (key id " + ps.get("key_id") + ", key destroyed)");
    }
    return ExitCode.OK.code();
  }

  @SuppressWarnings("unchecked")
  private static int provisions(List<String> args, JobConfig config, CliContext ctx, PrintStream out) throws IOException {
    if (!(args.isEmpty() || args.equals(List.of("list")))) {
      throw new Main.UsageException("provisions takes one subcommand: list");
    }
    JsonLinesLog log = new Provisioner(config, ctx.clock()).log();
    List<Map<String, Object>> records = log.read();
    out.printf("%-26s %-20s %-20s %-20s %s%n", "provided at", "release", "recipient", "method", "categories");
    for (Map<String, Object> r : records) {
      Map<String, Object> recipient = (Map<String, Object>) r.get("recipient");
      Map<String, Object> method = (Map<String, Object>) r.get("method");
      int categories = 0;
      for (Map<String, Object> d : (List<Map<String, Object>>) r.get("datasets")) {
        categories += ((List<?>) d.get("categories")).size();
      }
      out.printf("%-26s %-20s %-20s %-20s %d in %d datasets%n", r.get("provided_at"), r.get("release_id"),
          recipient.get("id"), method.get("id"), categories, ((List<?>) r.get("datasets")).size());
    }
    out.println(records.size() + " provision(s) in " + log.file());
    Optional<Integer> broken = log.firstBreak();
    if (broken.isPresent()) {
      throw new InputException(log.file() + ": the log was altered (hash chain broken at line "
          + broken.get() + ")");
    }
    return ExitCode.OK.code();
  }

  private static int methodInfo(List<String> args, Map<String, String> opts, JobConfig config, CliContext ctx,
      RunAudit audit, PrintStream out) throws IOException {
    if (args.size() != 1) {
      throw new Main.UsageException("method-info needs one release id");
    }
    String releaseId = args.get(0);
    audit.put("release_id", releaseId);
    MethodStore store = new MethodStore(config.methodStoreDir());
    String file = opts.get("--file");
    if (file == null) {
      out.println("Processing-method information of release " + releaseId + " (" + store.root().resolve(releaseId)
          + "; owner-only, privacy office only):");
      for (String f : store.list(releaseId)) {
        out.println("  " + f);
      }
      return ExitCode.OK.code();
    }
    audit.put("file", file);
    byte[] content = store.read(releaseId, file, SecretBox.fromEnvironment(ctx.env()));
    out.print(new String(content, StandardCharsets.UTF_8));
    return ExitCode.OK.code();
  }

  /** Deletes a release's processing-method and deleted information once no longer needed (recorded in the audit). */
  private static int methodDelete(List<String> args, JobConfig config, RunAudit audit, PrintStream out)
      throws IOException {
    if (args.size() != 1) {
      throw new Main.UsageException("method-delete needs one release id");
    }
    String releaseId = args.get(0);
    io.appianon.release.ReleaseStore.checkId(releaseId);
    audit.put("release_id", releaseId);
    MethodStore store = new MethodStore(config.methodStoreDir());
    int n = store.delete(releaseId);
    audit.put("deleted_files", n);
    out.println("Deleted the processing-method information of release " + releaseId + " (" + n + " files in "
        + store.root().resolve(releaseId) + "); recorded in the audit trail.");
    return ExitCode.OK.code();
  }

  private static void noArgs(List<String> args, String command) {
    if (!args.isEmpty()) {
      throw new Main.UsageException(command + " takes no argument, got " + args.get(0));
    }
  }

  private static String required(Map<String, String> opts, String option) {
    String v = opts.get(option);
    if (v == null || v.isBlank()) {
      throw new Main.UsageException(option + " is required");
    }
    return v;
  }
}
