package io.appianon.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Spark standalone master and one worker on 127.0.0.1, started from the Maven jars (no Spark
 * download), for submitting the cluster jar with {@code org.apache.spark.deploy.SparkSubmit} as
 * {@code bin/spark-submit} would.
 *
 * <p>The {@code SPARK_HOME} it builds stands for a Spark distribution: a {@code jars/} folder of
 * links to the runtime class path <em>minus every jar whose classes the cluster jar bundles</em>
 * (ours, Typesafe Config, Lucene), so a class missing from the cluster jar fails the run instead of
 * being found on Spark's class path. Master, worker, driver and executors see only {@code
 * SPARK_HOME/jars/*} plus the submitted jar. Every process is bound to loopback; ports are free
 * ports; {@link #close()} stops the worker, its executors and the master by pid.
 */
public final class LocalStandaloneCluster implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final Path sparkHome;
  private final List<String> jvmOptions;
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();
  private final int workerPort = freePort();
  private final int workerUiPort = freePort();
  private final List<Process> started = new ArrayList<>();
  private Process master;
  private Process worker;

  /**
   * @param dir working folder (SPARK_HOME, logs, the worker's work dir); must be empty or absent
   * @param runtimeClasspath the jobs module's runtime class path
   *     (jobs/target/launcher/classpath.txt)
   * @param clusterJar the shaded jar to be submitted
   * @param jvmOptions Spark's Java 17 options (jobs/target/launcher/jvm.options)
   */
  public LocalStandaloneCluster(
      Path dir, List<Path> runtimeClasspath, Path clusterJar, List<String> jvmOptions)
      throws IOException {
    this.dir = dir;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.sparkHome = dir.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    Files.createDirectories(
        sparkHome.resolve("conf")); // empty: no spark-defaults.conf, Spark's default logging
    Files.createDirectories(workDir());
    Files.createDirectories(dir.resolve("local"));
    // the launcher library treats a folder with RELEASE as a distribution and takes its jars/
    // folder
    Files.writeString(sparkHome.resolve("RELEASE"), "Spark (Maven jars, appi-anon cluster test)\n");
    Set<String> bundled = entries(clusterJar);
    for (Path jar : runtimeClasspath) {
      if (!Files.isRegularFile(jar)
          || !jar.toString().endsWith(".jar")
          || isBundled(jar, bundled)) {
        continue;
      }
      Path link = sparkHome.resolve("jars").resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar.toAbsolutePath());
      }
    }
  }

  public Path sparkHome() {
    return sparkHome;
  }

  public Path workDir() {
    return dir.resolve("work");
  }

  public String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  /** Jar names in SPARK_HOME/jars. */
  public Set<String> distributionJars() throws IOException {
    try (var s = Files.list(sparkHome.resolve("jars"))) {
      return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }

  /**
   * Starts the master, then one worker with 1 core and 1 GB, and waits until the worker has
   * registered.
   */
  public LocalStandaloneCluster start(Duration timeout) throws IOException, InterruptedException {
    master =
        launch(
            "master",
            List.of("-Xmx256m"),
            "org.apache.spark.deploy.master.Master",
            List.of(
                "--host",
                LOOPBACK,
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(masterUiPort)));
    await(
        "master " + masterUrl() + " up",
        timeout,
        () -> masterJson().contains("\"status\""),
        master);
    worker =
        launch(
            "worker",
            List.of("-Xmx256m"),
            "org.apache.spark.deploy.worker.Worker",
            List.of(
                "--host",
                LOOPBACK,
                "--port",
                String.valueOf(workerPort),
                "--webui-port",
                String.valueOf(workerUiPort),
                "--cores",
                "1",
                "--memory",
                "1g",
                "--work-dir",
                workDir().toString(),
                masterUrl()));
    Pattern oneWorker = Pattern.compile("\"aliveworkers\"\\s*:\\s*1\\b");
    await(
        "worker registered with the master",
        timeout,
        () -> oneWorker.matcher(masterJson()).find(),
        worker);
    return this;
  }

  /**
   * Runs {@code SparkSubmit} in client mode against this master, from {@code cwd}, and returns its
   * exit code; stdout and stderr go to {@code driver.out} / {@code driver.err} in the working
   * folder.
   */
  public int submit(Path cwd, List<String> submitArgs, Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "--master",
                masterUrl(),
                "--deploy-mode",
                "client",
                "--conf",
                "spark.driver.host=" + LOOPBACK,
                "--conf",
                "spark.driver.bindAddress=" + LOOPBACK,
                "--conf",
                "spark.executor.extraJavaOptions=" + String.join(" ", jvmOptions)));
    cmd.addAll(submitArgs);
    Process p =
        launch("driver", List.of("-Xmx1g"), "org.apache.spark.deploy.SparkSubmit", cmd, cwd);
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      stop(p);
      throw new AssertionError(
          "spark-submit did not end within " + timeout + "; see " + log("driver.err"));
    }
    return p.exitValue();
  }

  /** The master's JSON status (apps, workers), or "" when it does not answer. */
  public String masterJson() {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterUiPort + "/json/"))
              .timeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  public Path log(String name) {
    return dir.resolve(name);
  }

  /**
   * Stops, by pid and newest first, the driver if still running, the worker, the master, then any
   * executor left.
   */
  @Override
  public void close() {
    List<ProcessHandle> executors = worker != null ? worker.descendants().toList() : List.of();
    for (int i = started.size() - 1; i >= 0; i--) {
      stop(started.get(i).toHandle());
    }
    executors.forEach(LocalStandaloneCluster::stop);
  }

  private Process launch(String name, List<String> heap, String mainClass, List<String> args)
      throws IOException {
    return launch(name, heap, mainClass, args, dir);
  }

  private Process launch(
      String name, List<String> heap, String mainClass, List<String> args, Path cwd)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(heap);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(
        sparkHome.resolve("jars") + "/*"); // expanded by the java launcher, as bin/spark-class does
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile());
    Map<String, String> env = pb.environment();
    for (String k : List.copyOf(env.keySet())) {
      if (k.startsWith("SPARK_") || k.startsWith("HADOOP_") || k.equals("YARN_CONF_DIR")) {
        env.remove(k); // nothing from the machine's own Spark or Hadoop set-up
      }
    }
    env.putAll(environment());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** The environment bin/spark-class would give: SPARK_HOME, the Scala version, loopback only. */
  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
    env.put(
        "SPARK_SCALA_VERSION",
        "2.13"); // else the worker looks for build directories to launch executors
    env.put("SPARK_LOCAL_IP", LOOPBACK);
    env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
    return env;
  }

  private void await(String what, Duration timeout, BooleanSupplier ready, Process process)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError(
            what + ": process ended with exit code " + process.exitValue() + "; see " + dir);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + timeout + "; see " + dir);
      }
      Thread.sleep(500);
    }
  }

  private static void stop(Process p) {
    stop(p.toHandle());
  }

  private static void stop(ProcessHandle h) {
    if (!h.isAlive()) {
      return;
    }
    h.destroy(); // SIGTERM: Spark's shutdown hooks stop the worker's executors
    try {
      h.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // reported by the caller's checks, if it matters
      }
    }
  }

  /** A TCP port free on 127.0.0.1 a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> entries(Path jar) throws IOException {
    Set<String> names = new HashSet<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        names.add(e.nextElement().getName());
      }
    }
    return names;
  }

  /** Whether the classes of {@code jar} are in the cluster jar (judged by its first class file). */
  private static boolean isBundled(Path jar, Set<String> bundled) throws IOException {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        String n = e.nextElement().getName();
        if (n.endsWith(".class")
            && !n.startsWith("META-INF/")
            && !n.endsWith("module-info.class")) {
          return bundled.contains(n);
        }
      }
    }
    return false;
  }

  /** A log file's text, or "" if absent. */
  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
