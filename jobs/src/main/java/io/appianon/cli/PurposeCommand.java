package io.appianon.cli;

import io.appianon.disclosure.PurposeNotice;
import io.appianon.job.JobConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code announce} for the pseudonymous kind: publishes the purpose of use when it is new or
 * changed.
 */
final class PurposeCommand {
  private PurposeCommand() {}

  static int announce(JobConfig config, CliContext ctx, RunAudit audit, PrintStream out)
      throws IOException {
    Map<String, Object> before = PurposeNotice.last(config).orElse(null);
    Map<String, Object> notice = PurposeNotice.announce(config, ctx.clock().instant());
    audit.put("purpose_notice", notice.get("id"));
    if (before != null && before.get("id").equals(notice.get("id"))) {
      out.println(
          "Purpose of use unchanged since notice " + notice.get("id") + "; nothing to publish.");
    } else {
      out.println(
          "Purpose notice "
              + notice.get("id")
              + " written to "
              + PurposeNotice.dir(config)
              + (before == null ? "" : " (changed since " + before.get("id") + ")"));
      out.println(
          "  Publish now: upload "
              + notice.get("page")
              + " to the company website, then run the release.");
    }
    return ExitCode.OK.code();
  }
}
