package io.appianon.cli;

import com.typesafe.config.ConfigRenderOptions;
import io.appianon.job.JobConfig;
import io.appianon.policy.DatasetPolicy;
import io.appianon.release.FileDigests;
import io.appianon.release.JsonLinesLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail of the command line: one JSON line per run in {@code <method-store>/audit.jsonl} (append-only,
 * owner-only, hash-chained; see {@link JsonLinesLog}) saying who ran what, when, on which inputs (path, size, SHA-256)
 * and configuration (SHA-256 of the resolved {@code appianon} section), for which release, with which outcome and exit
 * code. Runs that fail before the configuration is loaded have no method store to write to and are not recorded. No
 * secret ever reaches the trail: the passphrase lives only in the environment and the pseudonym secret only in memory.
 */
final class RunAudit {
  static final String FILE = "audit.jsonl";
  private final List<String> args;
  private final Clock clock;
  private final Instant started;
  private final long t0 = System.nanoTime();
  private final ByteArrayOutputStream errCopy = new ByteArrayOutputStream();
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private JobConfig config;
  private String command;

  RunAudit(String[] args, Clock clock) {
    this.args = List.of(args);
    this.clock = clock;
    this.started = clock.instant();
  }

  /** {@code err} copied into this audit, to record the one-line error message of a failed run. */
  PrintStream tee(PrintStream err) {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        err.write(b);
        errCopy.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        err.write(b, off, len);
        errCopy.write(b, off, len);
      }

      @Override
      public void flush() {
        err.flush();
      }
    }, true, StandardCharsets.UTF_8);
  }

  void config(JobConfig c, String cmd) {
    this.config = c;
    this.command = cmd;
  }

  /** The inputs, policies and release of an anonymize run, hashed before the data is read. */
  void anonymize(String releaseId, List<DatasetPolicy> policies, Optional<String> reuseSecretOf) {
    fields.put("release_id", releaseId);
    reuseSecretOf.ifPresent(r -> fields.put("reuse_secret_of", r));
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (DatasetPolicy p : policies) {
      for (Map<String, Object> f : describe(Path.of(p.input().path()))) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", p.name());
        m.putAll(f);
        inputs.add(m);
      }
    }
    fields.put("inputs", inputs);
    List<Map<String, Object>> pol = new ArrayList<>();
    for (Path p : config.datasets()) {
      pol.addAll(describe(p));
    }
    fields.put("policies", pol);
  }

  /** An extra field of the record (release id, announcement id, provision id, ...). */
  void put(String key, Object value) {
    fields.put(key, value);
  }

  /** Writes the record; returns {@code code}, or 1 when a successful run could not be recorded. */
  int finish(int code, PrintStream err) {
    if (config == null) {
      return code;
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("at", started.toString());
    r.put("user", System.getProperty("user.name"));
    r.put("host", host());
    r.put("command", command);
    r.put("args", args);
    r.put("config_file", config.file());
    r.put("config_sha256", configHash(config));
    r.putAll(fields);
    r.put("outcome", outcome(code));
    r.put("message", lastMessage());
    r.put("exit_code", code);
    r.put("ended_at", clock.instant().toString());
    r.put("elapsed_seconds", (System.nanoTime() - t0) / 1e9);
    try {
      new JsonLinesLog(config.methodStoreDir().resolve(FILE)).append(r);
      return code;
    } catch (IOException | RuntimeException e) {
      err.println("appi-anon: cannot write the audit trail " + config.methodStoreDir().resolve(FILE) + ": " + e);
      return code == 0 ? ExitCode.INTERNAL.code() : code;
    }
  }

  /** SHA-256 of the resolved {@code appianon} section, rendered canonically (sorted keys, no comments). */
  static String configHash(JobConfig c) {
    String canonical = c.raw().getConfig("appianon").root().render(ConfigRenderOptions.concise());
    return FileDigests.sha256(canonical.getBytes(StandardCharsets.UTF_8));
  }

  private static String outcome(int code) {
    for (ExitCode c : ExitCode.values()) {
      if (c.code() == code) {
        return c.name().toLowerCase();
      }
    }
    return "exit-" + code;
  }

  /** The last error message printed (from its "appi-anon:" line to the end), or null. */
  private String lastMessage() {
    String text = errCopy.toString(StandardCharsets.UTF_8);
    int at = text.lastIndexOf("\nappi-anon:");
    if (at >= 0) {
      return text.substring(at + 1).strip();
    }
    return text.startsWith("appi-anon:") ? text.strip() : null;
  }

  private static List<Map<String, Object>> describe(Path p) {
    try {
      return FileDigests.describe(p);
    } catch (IOException e) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", p.toString());
      m.put("error", e.toString());
      return List.of(m);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
