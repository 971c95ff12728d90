package io.appianon.cli;

import io.appianon.disclosure.Announcer;
import io.appianon.disclosure.Change;
import io.appianon.disclosure.DisclosureConfig;
import io.appianon.disclosure.DisclosureHistory;
import io.appianon.disclosure.HistoryEntry;
import io.appianon.disclosure.HumanTime;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The disclosure commands of the command line: announce, provide, provisions list, method-info,
 * method-delete.
 */
final class DisclosureCommands {
  private DisclosureCommands() {}

  @Command(
      name = "announce",
      separator = " ",
      description = {
        "Publishes the public announcement, before the releases it covers.",
        "Writes the announcement of the planned categories, processing and methods of provision into"
            + " <output>/disclosures/ (dated now): index.html, the dated page and index.json, to upload to the"
            + " company website. Releases and provisions it does not cover are refused (exit 6)."
      })
  static final class Announce extends JobCommands.ConfigCommand {
    Announce(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() throws IOException {
      JobConfig config = config("announce", Map.of(), true);
      return announce(config, env.ctx(), env.audit(), env.out());
    }
  }

  @Command(
      name = "provide",
      separator = " ",
      description = {
        "Packages a published release for a third party.",
        "Writes the package: the files, the notice to send with them (NOTICE.ja.txt, NOTICE.en.txt) and the"
            + " provision record, appended to the provision log. METHOD is one of"
            + " appianon.disclosure.provision-methods (web: publication on the internet)."
      })
  static final class Provide extends JobCommands.ConfigCommand {
    @Parameters(
        index = "0",
        paramLabel = "RELEASE-ID",
        description = "the published release to provide")
    String releaseId;

    @Option(
        names = "--recipient",
        required = true,
        paramLabel = "ID",
        description = "recipient id (letters, digits, '.', '_' and '-')")
    String recipient;

    @Option(
        names = "--recipient-name",
        paramLabel = "NAME",
        description = "the recipient's full name (default: ID)")
    String recipientName;

    @Option(
        names = "--method",
        required = true,
        paramLabel = "METHOD",
        description = "method of provision")
    String method;

    Provide(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() throws IOException {
      JobConfig config = config("provide", Map.of(), true);
      return provide(
          releaseId,
          recipient,
          recipientName == null ? recipient : recipientName,
          method,
          config,
          env.ctx(),
          env.audit(),
          env.out());
    }
  }

  @Command(
      name = "provisions",
      separator = " ",
      description = {
        "Lists the provision records (the append-only log).",
        "Checks the log's hash chain: an altered log exits with code 3."
      })
  static final class Provisions extends JobCommands.ConfigCommand {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "list",
        description = "the subcommand (list, the default)")
    String sub;

    Provisions(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() throws IOException {
      if (sub != null && !sub.equals("list")) {
        throw new Main.UsageException("provisions takes one subcommand: list");
      }
      JobConfig config = config("provisions", Map.of(), true);
      return provisions(config, env.ctx(), env.out());
    }
  }

  @Command(
      name = "method-info",
      separator = " ",
      description = {
        "Lists or prints a release's processing-method information (privacy office only).",
        "The information is kept owner-only; a sealed file needs APPIANON_METHOD_KEY."
      })
  static final class MethodInfo extends JobCommands.ConfigCommand {
    @Parameters(index = "0", paramLabel = "RELEASE-ID", description = "the release")
    String releaseId;

    @Option(
        names = "--file",
        paramLabel = "NAME",
        description = "print this file instead of the list")
    String file;

    MethodInfo(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() throws IOException {
      JobConfig config = config("method-info", Map.of(), true);
      return methodInfo(releaseId, file, config, env.ctx(), env.audit(), env.out());
    }
  }

  private static int announce(JobConfig config, CliContext ctx, RunAudit audit, PrintStream out)
      throws IOException {
    if (config.releaseKind() == io.appianon.release.ReleaseKind.PSEUDONYMOUS) {
      return PurposeCommand.announce(
          config, ctx, audit, out); // no categories: the purpose of use (Art. 41(4))
    }
    AnonymizeJob job =
        new AnonymizeJob(config, new JobOptions(ctx.clock(), ctx.env(), Optional.empty()));
    HistoryEntry e = Announcer.announce(config, job.policies(), job.persons(), ctx.clock());
    audit.put("announcement", e.id());
    DisclosureConfig dc = config.disclosure();
    out.println(
        "Announcement " + e.id() + " written to " + DisclosureHistory.load(config.output()).dir());
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
    out.println(
        "  Publish now: upload index.html, "
            + e.page()
            + " (and index.json) to the company website.");
    out.println(
        "  Provisions it covers are allowed from "
            + HumanTime.timeEn(e.at().plus(dc.minNotice()), dc.zone())
            + " ("
            + HumanTime.timeJa(e.at().plus(dc.minNotice()), dc.zone())
            + "; min-notice "
            + HumanTime.durationEn(dc.minNotice())
            + ").");
    return ExitCode.OK.code();
  }

  private static int provide(
      String releaseId,
      String recipient,
      String recipientName,
      String method,
      JobConfig config,
      CliContext ctx,
      RunAudit audit,
      PrintStream out)
      throws IOException {
    if (!Provisioner.RECIPIENT.matcher(recipient).matches()) {
      throw new Main.UsageException(
          "invalid --recipient '"
              + recipient
              + "' (letters, digits, '.', '_' and '-';"
              + " give the full name with --recipient-name)");
    }
    audit.put("release_id", releaseId);
    audit.put("recipient", recipient);
    audit.put("method", method);
    // Spark only when the release has pseudonyms to re-key for this recipient
    SparkSession[] made = {null};
    Provisioner p =
        new Provisioner(
            config,
            ctx.clock(),
            ctx.env(),
            () ->
                ctx.spark()
                    .orElseGet(
                        () -> {
                          if (made[0] == null) {
                            made[0] = SparkSessions.create(config);
                          }
                          return made[0];
                        }),
            PseudonymKey::generate);
    Map<String, Object> r;
    try {
      r = p.provide(new Provisioner.Request(releaseId, recipient, recipientName, method));
    } finally {
      if (made[0] != null) {
        SparkSessions.stop(made[0]);
      }
    }
    audit.put("provision_id", r.get("provision_id"));
    out.println(
        "Release " + releaseId + " provided to " + recipient + " (" + r.get("provision_id") + ")");
    out.println("  package: " + r.get("package"));
    out.println("  notice to send with it (in writing or by e-mail): NOTICE.ja.txt, NOTICE.en.txt");
    out.println("  record: provision.json, appended to " + p.log().file());
    if (r.get("pseudonyms") instanceof Map<?, ?> ps) {
      out.println(
          "  pseudonyms re-keyed for this recipient only (key id "
              + ps.get("key_id")
              + ", key destroyed)");
    }
    return ExitCode.OK.code();
  }

  @SuppressWarnings("unchecked")
  private static int provisions(JobConfig config, CliContext ctx, PrintStream out)
      throws IOException {
    JsonLinesLog log = new Provisioner(config, ctx.clock()).log();
    List<Map<String, Object>> records = log.read();
    java.time.ZoneId zone = config.disclosure().zone();
    out.printf(
        "%-22s %-20s %-20s %-20s %s%n",
        "provided at", "release", "recipient", "method", "categories");
    for (Map<String, Object> r : records) {
      Map<String, Object> recipient = (Map<String, Object>) r.get("recipient");
      Map<String, Object> method = (Map<String, Object>) r.get("method");
      int categories = 0;
      for (Map<String, Object> d : (List<Map<String, Object>>) r.get("datasets")) {
        categories += ((List<?>) d.get("categories")).size();
      }
      out.printf(
          "%-22s %-20s %-20s %-20s %d in %d datasets%n",
          HumanTime.timeEn(java.time.Instant.parse((String) r.get("provided_at")), zone),
          r.get("release_id"),
          recipient.get("id"),
          method.get("id"),
          categories,
          ((List<?>) r.get("datasets")).size());
    }
    out.println(records.size() + " provision(s) in " + log.file());
    Optional<Integer> broken = log.firstBreak();
    if (broken.isPresent()) {
      throw new InputException(
          log.file() + ": the log was altered (hash chain broken at line " + broken.get() + ")");
    }
    return ExitCode.OK.code();
  }

  @Command(
      name = "method-delete",
      separator = " ",
      description = {
        "Deletes a release's processing-method and deleted information once no longer needed.",
        "The deletion is recorded in the audit trail."
      })
  static final class MethodDelete extends JobCommands.ConfigCommand {
    @Parameters(index = "0", paramLabel = "RELEASE-ID", description = "the release")
    String releaseId;

    MethodDelete(Main.Env env) {
      super(env);
    }

    @Override
    public Integer call() throws IOException {
      JobConfig config = config("method-delete", Map.of(), true);
      io.appianon.release.ReleaseStore.checkId(releaseId);
      env.audit().put("release_id", releaseId);
      MethodStore store = new MethodStore(config.methodStoreDir());
      int n = store.delete(releaseId);
      env.audit().put("deleted_files", n);
      env.out()
          .println(
              "Deleted the processing-method information of release "
                  + releaseId
                  + " ("
                  + n
                  + " files in "
                  + store.root().resolve(releaseId)
                  + "); recorded in the audit trail.");
      return ExitCode.OK.code();
    }
  }

  private static int methodInfo(
      String releaseId,
      String file,
      JobConfig config,
      CliContext ctx,
      RunAudit audit,
      PrintStream out)
      throws IOException {
    audit.put("release_id", releaseId);
    MethodStore store = new MethodStore(config.methodStoreDir());
    if (file == null) {
      out.println(
          "Processing-method information of release "
              + releaseId
              + " ("
              + store.root().resolve(releaseId)
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
}
