package io.appianon.cli;

/** Documented, distinct exit codes for schedulers (cron, Airflow, spark-submit wrappers). */
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "internal error (a bug: please report it with the log)"),
  CONFIG(2, "configuration or usage error (policy, application.conf, command line)"),
  INPUT(
      3,
      "input or data error (missing file or column, wrong delimiter, empty input, wrong encoding, identifiers"
          + " in a published column)"),
  PRIVACY(4, "privacy model not satisfiable within the suppression limit"),
  RELEASE(
      5,
      "release conflict (release id exists without --overwrite and was made from other inputs or"
          + " configuration, or output locked by another run)"),
  ANNOUNCEMENT(
      6,
      "not publicly announced (categories or method changed since the announcement in effect, or the"
          + " announcement is younger than appianon.disclosure.min-notice): publish a new announcement first"),
  THIRD_PARTY(
      7,
      "third-party provision forbidden (a pseudonymous release, APPI Art. 41(6)): nothing was provided");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
