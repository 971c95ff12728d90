package io.appianon.cli;

import io.appianon.core.PolicyException;
import io.appianon.disclosure.AnnouncementException;
import io.appianon.io.InputException;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import io.appianon.release.MethodKeyException;
import io.appianon.release.ReleaseException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code appi-anon <command> [options]}: the command line of the batch jobs, on picocli. One class
 * per command ({@link JobCommands}, {@link DisclosureCommands}); each has its own {@code --help}.
 * Errors end with a one-line message on stderr and a distinct exit code ({@link ExitCode}).
 * Synthetic test data is no command: scripts/generate.sh runs the generator from the test classes
 * (it is not in the jar).
 */
public final class Main {
  /**
   * Options that take a value, so that the command may follow options (as scripts/submit.sh passes
   * it).
   */
  private static final Set<String> VALUE_OPTIONS =
      Set.of(
          "--config",
          "--release-id",
          "--output",
          "--set",
          "--reuse-secret",
          "--recipient",
          "--recipient-name",
          "--method",
          "--file");

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (!exitsJvm(code, System.getProperties())) {
      return;
    }
    System.exit(code);
  }

  /**
   * Whether main ends with System.exit(code). Not on success in YARN cluster mode: there the
   * ApplicationMaster runs main in a thread of its own JVM and reports any System.exit, even 0, as
   * an early exit (application FAILED, and retried); returning lets it report SUCCEEDED. A failure
   * still exits, so YARN reports it failed.
   */
  static boolean exitsJvm(int code, java.util.Properties sys) {
    boolean yarnClusterDriver =
        "yarn".equals(sys.getProperty("spark.master"))
            && "cluster".equals(sys.getProperty("spark.submit.deployMode"));
    return code != ExitCode.OK.code() || !yarnClusterDriver;
  }

  /**
   * Runs a command on a new embedded or spark-submit session and returns its exit code (never exits
   * the JVM).
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, CliContext.system());
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream)} with an injected clock, environment and
   * SparkSession.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, CliContext ctx) {
    String[] normalized = normalize(args);
    RunAudit audit = new RunAudit(args, ctx.clock());
    int code = execute(normalized, new Env(out, audit.tee(err), ctx, audit));
    return audit.finish(code, err);
  }

  /**
   * What a command runs with: its output streams, the context and the audit record of the run.
   *
   * @param out standard output
   * @param err standard error (copied into the audit record)
   * @param ctx clock, environment and SparkSession
   * @param audit the audit record of this run
   */
  record Env(PrintStream out, PrintStream err, CliContext ctx, RunAudit audit) {}

  /** The top command: the list of commands and the exit codes. */
  @Command(
      name = "appi-anon",
      separator = " ",
      usageHelpAutoWidth = false,
      description = {
        "Anonymously processed information (APPI) from survey and purchase CSVs: one command per step.",
        "A command with no name is anonymize; <command> --help shows the command's own help."
      },
      synopsisSubcommandLabel = "<command>",
      commandListHeading = "%nCommands:%n")
  static final class Top implements Callable<Integer> {
    @CommandLine.Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "show this help")
    boolean help;

    @Override
    public Integer call() {
      throw new UsageException("no command given");
    }
  }

  /** The command line, its commands bound to {@code env}; help goes to {@code env.out()}. */
  static CommandLine commandLine(Env env) {
    CommandLine cl = new CommandLine(new Top());
    cl.addSubcommand("anonymize", new JobCommands.Anonymize(env));
    cl.addSubcommand("plan", new JobCommands.Plan(env));
    cl.addSubcommand("validate", new JobCommands.Validate(env));
    cl.addSubcommand("announce", new DisclosureCommands.Announce(env));
    cl.addSubcommand("provide", new DisclosureCommands.Provide(env));
    cl.addSubcommand("provisions", new DisclosureCommands.Provisions(env));
    cl.addSubcommand("method-info", new DisclosureCommands.MethodInfo(env));
    cl.addSubcommand("method-delete", new DisclosureCommands.MethodDelete(env));
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    cl.getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> exitCodes());
    cl.setUsageHelpWidth(100);
    cl.setOut(new PrintWriter(new OutputStreamWriter(env.out(), StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(env.err(), StandardCharsets.UTF_8), true));
    return cl;
  }

  /** The exit-code table of the help, one code a line (not wrapped). */
  static String exitCodes() {
    StringBuilder codes = new StringBuilder(String.format("%nExit codes:%n"));
    for (ExitCode c : ExitCode.values()) {
      codes.append(String.format("  %d  %s%n", c.code(), c.meaning()));
    }
    return codes.toString();
  }

  /** The general help, as {@code appi-anon --help} prints it. */
  static String usage() {
    return commandLine(new Env(System.out, System.err, CliContext.system(), null))
        .getUsageMessage();
  }

  /**
   * The arguments with the command first: as before picocli, the command is the first argument that
   * is neither an option nor an option's value, wherever it stands; with none, the command is
   * anonymize (unless help is asked).
   */
  static String[] normalize(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (VALUE_OPTIONS.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        if (i == 0) {
          return args;
        }
        List<String> l = new ArrayList<>(Arrays.asList(args));
        l.remove(i);
        l.add(0, a);
        return l.toArray(new String[0]);
      }
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      return args;
    }
    List<String> l = new ArrayList<>(List.of("anonymize"));
    l.addAll(Arrays.asList(args));
    return l.toArray(new String[0]);
  }

  private static int execute(String[] args, Env env) {
    PrintStream err = env.err();
    CommandLine cl = commandLine(env);
    ParseResult parsed;
    try {
      parsed = cl.parseArgs(args);
    } catch (ParameterException e) {
      String command = e.getCommandLine().getCommandSpec().qualifiedName();
      err.println("appi-anon: " + usageMessage(e) + " (see " + command + " --help)");
      return ExitCode.CONFIG.code();
    }
    try {
      if (CommandLine.printHelpIfRequested(parsed)) {
        cl.getOut().flush();
        return ExitCode.OK.code();
      }
      List<CommandLine> chain = parsed.asCommandLineList();
      Callable<Integer> command = chain.get(chain.size() - 1).getCommand();
      return command.call();
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
    } catch (io.appianon.disclosure.ThirdPartyProvisionException e) {
      err.println("appi-anon: provision refused: " + e.getMessage());
      return ExitCode.THIRD_PARTY.code();
    } catch (MethodKeyException e) {
      err.println("appi-anon: method-store key error: " + e.getMessage());
      return ExitCode.CONFIG.code();
    } catch (IOException e) {
      return unexpected(new UncheckedIOException(e), err);
    } catch (Exception | Error e) {
      return unexpected(e, err);
    }
  }

  /** A command-line mistake in plain words: which option or argument, and what is wrong with it. */
  private static String usageMessage(ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (first.startsWith("-")) {
        return "unknown option " + first;
      }
      CommandLine c = u.getCommandLine();
      return c.getParent() == null
          ? "unknown command '"
              + first
              + "' ("
              + String.join(", ", c.getSubcommands().keySet())
              + ")"
              + (first.equals("generate") ? "; synthetic data: scripts/generate.sh" : "")
          : "unexpected argument " + first;
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
      if (e.getMessage().startsWith("Missing required parameter for option")
          && m.getMissing().get(0) instanceof OptionSpec o) {
        return o.longestName() + " needs a value (" + o.paramLabel() + ")";
      }
      List<String> missing = new ArrayList<>();
      for (ArgSpec a : m.getMissing()) {
        missing.add(
            a instanceof OptionSpec o ? o.longestName() + " " + o.paramLabel() : a.paramLabel());
      }
      return String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " required";
    }
    return e.getMessage();
  }

  /**
   * An unexpected failure: the stack trace, then the one-line message (an input error found inside
   * Spark: exit 3).
   */
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

  /** A command-line mistake. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
