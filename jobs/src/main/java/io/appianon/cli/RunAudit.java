package io.appianon.cli;

import com.typesafe.config.ConfigRenderOptions;
import io.appianon.job.JobConfig;
import io.appianon.policy.DatasetPolicy;
import io.appianon.release.FileDigests;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.OwnerOnly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit trail of the command line in {@code <method-store>/audit.jsonl} (append-only,
 * owner-only, hash-chained; see {@link JsonLinesLog}), saying who ran what, when, on which inputs
 * (path, size, SHA-256) and configuration (SHA-256 of the resolved {@code appianon} section), for
 * which release, with which outcome and exit code. A run writes an {@code event = started} line
 * when it starts (before any data is read) and an {@code event = finished} line, with everything,
 * when it ends; both carry its {@code run_id}. While it runs it holds an OS lock on {@code
 * <method-store>/runs/<run-id>.lock}; a later run that finds a started line without its end and can
 * take that lock (the OS released it: the process died) appends an {@code event = interrupted} line
 * for it. Runs that fail before the configuration is loaded have no method store to write to and
 * are not recorded. No secret ever reaches the trail: the passphrase lives only in the environment
 * and the pseudonym secret only in memory.
 */
final class RunAudit {
  static final String FILE = "audit.jsonl";
  static final String RUNS = "runs";
  private final List<String> args;
  private final Clock clock;
  private final Instant started;
  private final long t0 = System.nanoTime();
  private final ByteArrayOutputStream errCopy = new ByteArrayOutputStream();
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final String runId = UUID.randomUUID().toString();
  private JobConfig config;
  private String command;
  private FileChannel liveness;
  private Path livenessFile;

  RunAudit(String[] args, Clock clock) {
    this.args = List.of(args);
    this.clock = clock;
    this.started = clock.instant();
  }

  /** {@code err} copied into this audit, to record the one-line error message of a failed run. */
  PrintStream tee(PrintStream err) {
    return new PrintStream(
        new OutputStream() {
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
        },
        true,
        StandardCharsets.UTF_8);
  }

  void config(JobConfig c, String cmd) {
    this.config = c;
    this.command = cmd;
  }

  /** The inputs, policies and release of an anonymize run, hashed before the data is read. */
  void anonymize(String releaseId, List<DatasetPolicy> policies, Optional<String> reuseSecretOf) {
    fields.put("release_id", releaseId);
    fields.put("output", config.output().toString());
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
    List<Map<String, Object>> hierarchies = describe(config.hierarchiesDir());
    fields.put("hierarchies", hierarchies);
    Map<String, Object> identity = identity(inputs, pol, hierarchies, config);
    identity.put("pseudonym_secret", reuseSecretOf.map(r -> "reused from " + r).orElse("fresh"));
    fields.put("identity", identity);
  }

  /**
   * What makes two anonymize runs the same run (a scheduler's retry): SHA-256s of the inputs'
   * contents (by dataset), of the policy files, of the hierarchy files, and of the resolved
   * configuration without {@code appianon.release.overwrite} (and, added by the caller, whose
   * pseudonym secret it uses).
   */
  private static Map<String, Object> identity(
      List<Map<String, Object>> inputs,
      List<Map<String, Object>> policies,
      List<Map<String, Object>> hierarchies,
      JobConfig c) {
    Map<String, Object> id = new LinkedHashMap<>();
    id.put(
        "inputs",
        digestOf(inputs.stream().map(m -> m.get("dataset") + " " + m.get("sha256")).toList()));
    id.put(
        "policies", digestOf(policies.stream().map(m -> String.valueOf(m.get("sha256"))).toList()));
    id.put(
        "hierarchies",
        digestOf(hierarchies.stream().map(m -> m.get("path") + " " + m.get("sha256")).toList()));
    String canonical =
        c.raw()
            .getConfig("appianon")
            .withoutPath("release.overwrite")
            .root()
            .render(ConfigRenderOptions.concise());
    id.put("config", FileDigests.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    return id;
  }

  private static String digestOf(List<String> parts) {
    return FileDigests.sha256(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
  }

  /** This run's identity (see {@link #anonymize}); empty before it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> identity() {
    return (Map<String, Object>) fields.getOrDefault("identity", Map.of());
  }

  /**
   * The finished, successful anonymize run that published release {@code releaseId} as it is now
   * (its {@code manifest.json} has SHA-256 {@code manifestSha256}), if the trail has it.
   */
  Optional<Map<String, Object>> publisherOf(String releaseId, String manifestSha256)
      throws IOException {
    Map<String, Object> found = null;
    for (Map<String, Object> r : new JsonLinesLog(config.methodStoreDir().resolve(FILE)).read()) {
      if ("anonymize".equals(r.get("command"))
          && releaseId.equals(r.get("release_id"))
          && Integer.valueOf(0).equals(r.get("exit_code"))
          && manifestSha256.equals(r.get("release_manifest_sha256"))) {
        found = r;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Records interrupted runs (see the class comment), then writes this run's started line and takes
   * its lock. Before any data is read; returns the interrupted runs found, one sentence each.
   */
  List<String> begin() {
    List<String> found = new ArrayList<>();
    if (config == null || liveness != null) {
      return found;
    }
    Path dir = config.methodStoreDir();
    try {
      JsonLinesLog log = new JsonLinesLog(dir.resolve(FILE));
      for (Map<String, Object> start : unfinished(log.read())) {
        interrupted(log, start).ifPresent(found::add);
      }
      Path runs = OwnerOnly.createDirectories(dir.resolve(RUNS));
      livenessFile = runs.resolve(runId + ".lock");
      liveness =
          FileChannel.open(livenessFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      liveness.lock();
      Map<String, Object> r = head("started");
      r.putAll(fields);
      log.append(r);
    } catch (IOException | RuntimeException e) {
      found.add(
          "cannot write the start of this run to the audit trail " + dir.resolve(FILE) + ": " + e);
    }
    return found;
  }

  private static List<Map<String, Object>> unfinished(List<Map<String, Object>> records) {
    Map<Object, Map<String, Object>> open = new LinkedHashMap<>();
    for (Map<String, Object> r : records) {
      Object id = r.get("run_id");
      if (id == null) {
        continue;
      }
      if ("started".equals(r.get("event"))) {
        open.put(id, r);
      } else {
        open.remove(id);
      }
    }
    return new ArrayList<>(open.values());
  }

  /**
   * Appends the interrupted line of a started run whose lock is free, unless it has ended
   * meanwhile.
   */
  @SuppressWarnings("try") // the lock is held for the whole block
  private Optional<String> interrupted(JsonLinesLog log, Map<String, Object> start)
      throws IOException {
    Object id = start.get("run_id");
    Path lockFile = config.methodStoreDir().resolve(RUNS).resolve(id + ".lock");
    try (FileChannel ch =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock l = io.appianon.release.ReleaseStore.tryLock(ch).orElse(null);
      if (l == null) {
        return Optional.empty(); // still running
      }
      try (FileLock held = l) {
        if (unfinished(log.read()).stream().noneMatch(r -> id.equals(r.get("run_id")))) {
          Files.deleteIfExists(lockFile);
          return Optional.empty(); // it ended (or was recorded) meanwhile
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("event", "interrupted");
        r.put("run_id", id);
        for (String k :
            List.of("at", "user", "host", "pid", "command", "args", "config_file", "release_id")) {
          if (start.containsKey(k)) {
            r.put(k, start.get(k));
          }
        }
        Object release = start.get("release_id");
        Object output = start.get("output");
        boolean present =
            release != null
                && output != null
                && Files.isRegularFile(
                    Path.of(output.toString())
                        .resolve(release.toString())
                        .resolve("manifest.json"));
        if (release != null) {
          r.put("release_present", present);
        }
        r.put("outcome", "interrupted");
        r.put(
            "message",
            "the run ended without finishing its audit line (killed or crashed); found by run "
                + runId);
        r.put("found_at", clock.instant().toString());
        log.append(r);
        Files.deleteIfExists(lockFile);
        return Optional.of(
            "recorded run "
                + id
                + " ("
                + start.get("command")
                + ", started "
                + start.get("at")
                + (release != null
                    ? ", release "
                        + release
                        + (present ? ", which is published" : ", not published")
                    : "")
                + ") as interrupted in the audit trail");
      }
    }
  }

  private Map<String, Object> head(String event) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("event", event);
    r.put("run_id", runId);
    r.put("at", started.toString());
    r.put("user", System.getProperty("user.name"));
    r.put("host", host());
    r.put("pid", ProcessHandle.current().pid());
    r.put("command", command);
    r.put("args", args);
    r.put("config_file", config.file());
    r.put("config_sha256", configHash(config));
    return r;
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
    Map<String, Object> r = head("finished");
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
      err.println(
          "appi-anon: cannot write the audit trail "
              + config.methodStoreDir().resolve(FILE)
              + ": "
              + e);
      return code == 0 ? ExitCode.INTERNAL.code() : code;
    } finally {
      endLiveness();
    }
  }

  /** Removes this run's lock file (after its finished line), then releases the lock. */
  private void endLiveness() {
    if (liveness == null) {
      return;
    }
    try {
      Files.deleteIfExists(livenessFile);
      liveness.close();
    } catch (IOException e) {
      // closing releases the lock; a lock file left behind is removed by the next run that finds
      // this one finished
    }
  }

  /**
   * SHA-256 of the resolved {@code appianon} section, rendered canonically (sorted keys, no
   * comments).
   */
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
