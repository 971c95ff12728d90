package io.appianon.job;

import static org.apache.spark.sql.functions.col;

import io.appianon.core.PolicyException;
import io.appianon.core.Processing;
import io.appianon.core.ReportJson;
import io.appianon.disclosure.HistoryEntry;
import io.appianon.disclosure.ReleaseDisclosure;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.io.InputReader;
import io.appianon.pipeline.DatasetPipeline;
import io.appianon.pipeline.PipelineResult;
import io.appianon.pipeline.ReleasePrivacy;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PersonSpec;
import io.appianon.policy.PolicyLoader;
import io.appianon.release.Json;
import io.appianon.release.Manifest;
import io.appianon.release.MethodStore;
import io.appianon.release.OwnerOnly;
import io.appianon.release.ReleaseStore;
import io.appianon.release.SecretBox;
import io.appianon.release.TypedColumns;
import io.appianon.report.DataDictionary;
import io.appianon.report.DatasetSection;
import io.appianon.report.PersonsSection;
import io.appianon.report.PrivacySection;
import io.appianon.report.ReleaseReport;
import io.appianon.report.ReleaseSection;
import io.appianon.report.VerificationSection;
import io.appianon.technique.PseudonymKey;
import io.appianon.technique.TechniqueContext;
import io.appianon.verify.PersonAudit;
import io.appianon.verify.ReleaseVerifier;
import io.appianon.verify.VerificationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main job: reads every dataset of the configuration, validates it (bad rows to quarantine),
 * runs its policy, and publishes one release atomically with its manifest and report; the
 * processing-method information goes to its own owner-only store and the pseudonym secret is
 * destroyed at the end.
 */
public final class AnonymizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(AnonymizeJob.class);
  private static final DateTimeFormatter ID_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** Counts for one dataset; {@code input == published + suppressed + quarantined}. */
  public record DatasetSummary(
      String name,
      long input,
      long published,
      long suppressed,
      long quarantined,
      long kAchieved,
      Map<String, Long> suppressedByReason,
      Map<String, Long> quarantinedByReason,
      Map<String, Object> privacy) {

    /**
     * A number from the privacy report, e.g. {@code number("loss_after", "loss")}; NaN when absent.
     */
    @SuppressWarnings("unchecked")
    public double number(String section, String key) {
      Object m = privacy.get(section);
      return m instanceof Map<?, ?> map && map.get(key) instanceof Number n
          ? n.doubleValue()
          : Double.NaN;
    }
  }

  /** What a run produced. */
  public record Summary(
      String releaseId,
      Path release,
      Path quarantine,
      Path methodStore,
      List<DatasetSummary> datasets,
      List<String> persons) {}

  private final JobConfig config;
  private final HierarchyResolver hierarchies;
  private final List<DatasetPolicy> policies;
  private final JobOptions options;
  private final Optional<PersonSpec> persons;

  /** Loads and validates every policy: a bad policy fails here, before Spark reads any data. */
  public AnonymizeJob(JobConfig config) {
    this(config, JobOptions.defaults());
  }

  /**
   * As {@link #AnonymizeJob(JobConfig)}, with the clock, environment and secret reuse of {@code
   * options}.
   */
  public AnonymizeJob(JobConfig config, JobOptions options) {
    this.config = config;
    this.options = options;
    this.hierarchies = new HierarchyResolver(config.hierarchiesDir());
    List<DatasetPolicy> list = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path p : config.datasets()) {
      // the pseudonymous kind needs no k-anonymity unless the policy adds one (Arts. 41-42):
      // privacy block optional
      DatasetPolicy policy =
          PolicyLoader.load(
              p, hierarchies, com.typesafe.config.ConfigFactory.empty(), !anonymous());
      if (!names.add(policy.name())) {
        throw new PolicyException(
            config.file(),
            "appianon.datasets",
            "two policies declare dataset '" + policy.name() + "'");
      }
      String override = config.inputOverrides().get(policy.name());
      list.add(override == null ? policy : policy.withInputPath(override));
    }
    for (String k : config.inputOverrides().keySet()) {
      if (!names.contains(k)) {
        throw new PolicyException(
            config.file(),
            "appianon.inputs." + k,
            "no dataset named '" + k + "' (datasets: " + String.join(", ", names) + ")");
      }
    }
    this.policies = List.copyOf(list);
    Optional<io.appianon.core.Conf> block =
        config.raw().hasPath(PersonSpec.KEY)
            ? Optional.of(
                new io.appianon.core.Conf(
                    config.raw().getConfig(PersonSpec.KEY),
                    new io.appianon.core.Origin(config.file(), PersonSpec.KEY)))
            : Optional.empty();
    this.persons = block.map(c -> PersonSpec.parse(c, hierarchies, policies));
    if (block.isPresent() && persons.isEmpty()) {
      LOG.warn("{} names no dataset of this release: no person-level model", PersonSpec.KEY);
    }
    persons.ifPresent(p -> ReleasePrivacy.check(p, policies));
    if (anonymous()) { // pseudonymous data need no person-level model (Arts. 41-42 set no
      // k-anonymity)
      PersonSpec.requireModelForSharedDomains(config.file(), policies, persons);
    }
  }

  private boolean anonymous() {
    return config.releaseKind() == io.appianon.release.ReleaseKind.ANONYMOUS;
  }

  /** The release's person-level model, if the configuration declares one. */
  public Optional<PersonSpec> persons() {
    return persons;
  }

  public List<DatasetPolicy> policies() {
    return policies;
  }

  public String releaseId() {
    return config.releaseId().orElseGet(() -> ID_FORMAT.format(options.clock().instant()));
  }

  /**
   * The checks a run makes before reading any data, for callers that want them before starting
   * Spark: the method-store passphrase, the secret to reuse, and the public announcement (throws
   * AnnouncementException when refused).
   */
  public void preflight(String releaseId) {
    methodStore();
    options.reuseSecretOf().ifPresent(id -> readKeptSecret(id).destroy());
    if (anonymous()) {
      ReleaseDisclosure.prepare(config, releaseId, policies, persons, options.clock().instant());
    } else {
      io.appianon.disclosure.PurposeNotice.require(config);
    }
  }

  // --- processing-method information (issue 5): sealed store, kept secret, --reuse-secret
  private MethodStore methodStore() {
    Optional<SecretBox> box = SecretBox.fromEnvironment(options.env());
    if (config.keepSecret() && box.isEmpty()) {
      SecretBox.require(
          options.env(),
          "appianon.method-store.keep-secret = true (the secret is kept only sealed)");
    }
    if (config.encryptMethodStore() && box.isEmpty()) {
      SecretBox.require(options.env(), "appianon.method-store.encrypt = true");
    }
    return new MethodStore(
        config.methodStoreDir(), config.encryptMethodStore() ? box : Optional.empty());
  }

  private PseudonymKey readKeptSecret(String releaseId) {
    try {
      return new MethodStore(config.methodStoreDir())
          .readSecret(releaseId, SecretBox.require(options.env(), "--reuse-secret"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Summary run(SparkSession spark) {
    return run(spark, releaseId());
  }

  /** Runs with a fresh key, or with the kept one of {@code --reuse-secret} (explicit opt-in). */
  public Summary run(SparkSession spark, String releaseId) {
    PseudonymKey key =
        options.reuseSecretOf().map(this::readKeptSecret).orElseGet(PseudonymKey::generate);
    if (options.reuseSecretOf().isPresent()) {
      LOG.warn(
          "reusing the pseudonym secret of release {}: the same members get the same pseudonyms as in it",
          options.reuseSecretOf().get());
    }
    return run(spark, releaseId, key);
  }

  /**
   * Runs with a given pseudonym key (a fresh one per release in normal use; a kept one only for the
   * opt-in reproducible re-run). The key is destroyed when the run ends, whatever the outcome.
   */
  public Summary run(SparkSession spark, String releaseId, PseudonymKey key) {
    long started = System.nanoTime();
    SparkWork work = SparkWork.listen(spark);
    try (ReleaseStore store = ReleaseStore.open(config.output())) {
      store.checkPublishable(releaseId, config.overwrite());
      MethodStore methodStore = methodStore();
      // a pseudonymous release (仮名加工情報) has no category announcement and no disclosure pages
      ReleaseDisclosure disclosure =
          anonymous()
              ? ReleaseDisclosure.prepare(
                  config, releaseId, policies, persons, options.clock().instant())
              : null;
      // ... but its purpose of use, published before use (Art. 41(4))
      Map<String, Object> purpose =
          anonymous() ? null : io.appianon.disclosure.PurposeNotice.require(config);
      long seed = new SecureRandom().nextLong();
      Path staging = null;
      try {
        staging = store.newStaging(releaseId);
        Path quarantineRoot = config.quarantineDir().resolve(releaseId);
        List<DatasetSummary> summaries = new ArrayList<>();
        Map<String, DatasetSection> reports = new LinkedHashMap<>();
        List<Map<String, Object>> manifests = new ArrayList<>();
        List<String> personLines = new ArrayList<>();
        Map<String, io.appianon.core.Lineage> lineages = new LinkedHashMap<>();
        // release-wide sections of report.json beside "datasets": persons, verification
        PersonsSection personsReport = null;
        VerificationSection verificationReport = null;
        Map<String, Object> methodParams = new LinkedHashMap<>();
        InputReader reader = new InputReader(spark);
        List<Prepared> prepared = new ArrayList<>();
        try {
          for (DatasetPolicy policy : policies) {
            TechniqueContext ctx =
                new TechniqueContext(Optional.of(key), seed ^ policy.name().hashCode());
            prepared.add(prepareDataset(reader, policy, ctx, quarantineRoot));
          }
          // The release-level stage: the person, not the row, is the unit of privacy across linked
          // datasets.
          Map<String, PipelineResult> results = new LinkedHashMap<>();
          PersonsSection personReport = null;
          if (persons.isPresent()) {
            List<ReleasePrivacy.Input> inputs = new ArrayList<>();
            for (Prepared p : prepared) {
              inputs.add(
                  new ReleasePrivacy.Input(p.policy(), p.pipeline(), p.processed(), p.ctx()));
            }
            ReleasePrivacy.Outcome outcome = new ReleasePrivacy(persons.get()).run(inputs);
            results.putAll(outcome.results());
            personReport = outcome.report();
          }
          for (Prepared p : prepared) {
            PipelineResult result = results.get(p.policy().name());
            if (result == null) {
              result =
                  p.pipeline()
                      .finish(p.processed(), p.ctx(), Optional.empty(), Optional.empty(), Set.of());
            }
            DatasetRun r = writeDataset(p, result, staging);
            // written: what was kept for the output (a round's checkpoint, the rows cached for it)
            // is freed before the next dataset, the verifier and the audit run
            result.cleanup().run();
            summaries.add(r.summary());
            reports.put(p.policy().name(), r.report());
            manifests.add(
                Manifest.dataset(p.policy(), r.result().lineage(), r.summary().published()));
            lineages.put(p.policy().name(), r.result().lineage());
            methodParams.put(p.policy().name(), r.result().report().privacy());
          }
          // Every model the policies declare, checked on the written files by code that shares
          // nothing with the enforcement (io.appianon.verify): a release on which one does not hold
          // is not published.
          VerificationReport verification = ReleaseVerifier.verify(spark, policies, staging);
          verificationReport = verification.report();
          if (!verification.holds()) {
            throw io.appianon.privacy.PrivacyUnsatisfiableException.onWrittenFiles(
                config.file(), String.join("; ", verification.failures()));
          }
          LOG.info("verified on the written files: every declared model holds");
          if (persons.isPresent()) {
            // The audit reads the written Parquet back, as an attacker would, with code of its own.
            PersonAudit.Result audit = PersonAudit.run(spark, staging, policies, persons.get());
            personReport = personReport.withAudit(audit.report());
            LOG.info("[persons] audit of the written files: {}", audit.summary());
            if (!audit.holds()) {
              throw io.appianon.privacy.PrivacyUnsatisfiableException.onWrittenFiles(
                  persons.get().origin().file(), audit.summary());
            }
            personsReport = personReport;
            personLines.addAll(personReport.inWords());
            personLines.add("audit of the written files: " + audit.summary());
            methodParams.put(
                "persons",
                Map.of(
                    "levels",
                    personReport.levels(),
                    "suppressed_persons",
                    personReport.suppressedPersons()));
          }
        } finally {
          for (Prepared p : prepared) {
            p.processed().cleanup().run();
            p.validated().unpersist(false);
          }
        }
        Instant now = options.clock().instant();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("release_id", releaseId);
        manifest.put("created_at", now.toString());
        manifest.put("kind", config.releaseKind().id());
        manifest.put("statement", Manifest.text(Manifest.STATEMENT));
        manifest.put(
            "producer",
            Map.of(
                "name",
                Manifest.text(config.producerName()),
                "contact",
                Manifest.text(config.producerContact())));
        manifest.put("datasets", manifests);
        HistoryEntry announcement = null;
        if (disclosure != null) {
          announcement = disclosure.complete(releaseId, manifest, staging, now);
        } else {
          manifest.put("purpose", purpose.get("purpose"));
          manifest.put("purpose_notice", purpose.get("id"));
          ReleaseDisclosure.markWithheld(
              manifest, staging); // categories contained in the written files
          io.appianon.release.PseudonymousRelease.complete(
              releaseId, manifest, staging, config.producerName());
        }
        Json.write(staging.resolve("manifest.json"), manifest);
        ReleaseSection report =
            new ReleaseSection(
                releaseId,
                now.toString(),
                reports,
                personsReport,
                verificationReport,
                (System.nanoTime() - started) / 1e9);
        Json.write(staging.resolve("report.json"), report);
        // for analysts (issue 22): the report as a page with charts, and the data dictionary beside
        // the data
        ReleaseReport.write(staging, report, policies);
        DataDictionary.write(spark, staging, releaseId, policies, lineages);

        Map<String, Path> policyFiles = new LinkedHashMap<>();
        for (int i = 0; i < policies.size(); i++) {
          policyFiles.put(policies.get(i).name(), config.datasets().get(i));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("release_id", releaseId);
        params.put("chosen_parameters", methodParams);
        params.put(
            "pseudonym_secret",
            config.keepSecret() ? "kept sealed (opt-in)" : "destroyed after creation");
        options.reuseSecretOf().ifPresent(id -> params.put("pseudonym_secret_reused_from", id));
        Path methodDir = methodStore.write(releaseId, policyFiles, hierarchies.resolved(), params);
        if (config.keepSecret()) {
          methodStore.writeSecret(releaseId, key, SecretBox.require(options.env(), "keep-secret"));
        }
        Path published = store.publish(staging, releaseId, config.overwrite());
        staging = null;
        if (disclosure != null) {
          disclosure.record(announcement);
        }
        registerTables(spark, published, releaseId);
        LOG.info(
            "published release {} in {} s",
            published,
            String.format("%.1f", (System.nanoTime() - started) / 1e9));
        LOG.info("[spark] {}", work.summary());
        return new Summary(releaseId, published, quarantineRoot, methodDir, summaries, personLines);
      } finally {
        key.destroy();
        if (staging != null) {
          store.discard(staging);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      work.stop(spark);
    }
  }

  /**
   * With {@code appianon.release.catalog-database}: the published datasets as tables of the session
   * catalog. The release is published already, so a failure here is a warning (the tables still
   * point at the previous release).
   */
  private void registerTables(SparkSession spark, Path published, String releaseId) {
    config
        .catalogDatabase()
        .ifPresent(
            db -> {
              try {
                io.appianon.release.ReleaseTables.register(
                        spark,
                        db,
                        published,
                        policies.stream().map(DatasetPolicy::name).toList(),
                        releaseId)
                    .forEach(
                        t ->
                            LOG.info(
                                "registered table {} over {}{}",
                                t.name(),
                                t.location(),
                                io.appianon.release.ReleaseTables.persistent(spark)
                                    ? ""
                                    : " (in-memory catalog: this session only)"));
              } catch (RuntimeException e) {
                LOG.warn(
                    "release {} is published, but registering its tables in catalog database '{}' failed: {}",
                    published,
                    db,
                    e.getMessage());
              }
            });
  }

  /** What {@link #validate} found in one dataset. */
  public record Validation(
      String name,
      String path,
      long input,
      long quarantined,
      Map<String, Long> quarantinedByReason) {}

  /** Reads and validates every dataset without writing anything. */
  public List<Validation> validate(SparkSession spark) {
    InputReader reader = new InputReader(spark);
    List<Validation> out = new ArrayList<>();
    for (DatasetPolicy policy : policies) {
      Counts c = count(reader.read(policy));
      reader.checkEncoding(policy, c.input(), c.byReason());
      out.add(
          new Validation(
              policy.name(), policy.input().path(), c.input(), c.quarantined(), c.byReason()));
    }
    return out;
  }

  /**
   * Rows (and, for a multi-line CSV, source lines: else -1) in, quarantined, and quarantined by
   * reason.
   */
  private record Counts(
      long input,
      long quarantined,
      Map<String, Long> byReason,
      long lines,
      long quarantinedLines) {}

  /** One pass: rows (and source lines) per quarantine reason (null: valid). */
  private static Counts count(Dataset<Row> validated) {
    Map<String, Long> byReason = new TreeMap<>();
    long input = 0;
    boolean counted = java.util.Arrays.asList(validated.columns()).contains(InputReader.LINES);
    long lines = counted ? 0 : -1;
    long quarantinedLines = counted ? 0 : -1;
    Column lineSum =
        counted
            ? org.apache.spark.sql.functions.sum(col(InputReader.LINES).cast("long"))
            : org.apache.spark.sql.functions.lit(0L);
    for (Row r :
        validated
            .groupBy(col(InputReader.REASON))
            .agg(
                org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                lineSum)
            .collectAsList()) {
      input += r.getLong(1);
      if (counted) {
        lines += r.getLong(2);
      }
      if (!r.isNullAt(0)) {
        byReason.put(r.getString(0), r.getLong(1));
        quarantinedLines += counted ? r.getLong(2) : 0;
      }
    }
    return new Counts(
        input,
        byReason.values().stream().mapToLong(Long::longValue).sum(),
        byReason,
        lines,
        quarantinedLines);
  }

  private record DatasetRun(DatasetSummary summary, DatasetSection report, PipelineResult result) {}

  /** A dataset read, validated, cached and processed up to its privacy models. */
  private record Prepared(
      DatasetPolicy policy,
      DatasetPipeline pipeline,
      TechniqueContext ctx,
      Dataset<Row> validated,
      long input,
      long quarantined,
      Map<String, Long> quarantinedByReason,
      Counts counts,
      DatasetPipeline.Processed processed,
      long started) {}

  private Prepared prepareDataset(
      InputReader reader, DatasetPolicy policy, TechniqueContext ctx, Path quarantineRoot)
      throws IOException {
    long t0 = System.nanoTime();
    String name = policy.name();
    DatasetPipeline pipeline = new DatasetPipeline(policy);
    // One pass reads, validates and applies the policy's leading row-wise steps; its result is
    // cached for every pass below (without the columns the policy deletes before reading anything;
    // an invalid row keeps all its values, as read, for quarantine).
    Dataset<Row> read = reader.readSpread(policy, pipeline.plan().unreadColumns());
    List<String> carried = InputReader.carried(read);
    Dataset<Row> validated =
        pipeline
            .prepare(read, ctx, InputReader.REASON, carried)
            .persist(StorageLevel.MEMORY_AND_DISK());
    boolean ok = false;
    try {
      Counts counts = count(validated);
      long input = counts.input();
      long quarantined = counts.quarantined();
      reader.checkEncoding(policy, input, counts.byReason());
      LOG.info(
          "[{}] read {} rows from {}: {} valid, {} quarantined ({} s)",
          name,
          input,
          policy.input().path(),
          input - quarantined,
          quarantined,
          secs(t0));
      if (input == 0) {
        throw new io.appianon.io.InputException(policy.input().path() + ": input has no rows");
      }
      if (quarantined > 0) {
        writeQuarantine(validated, policy, quarantineRoot.resolve(name));
      }
      Dataset<Row> valid =
          validated.where(col(InputReader.REASON).isNull()).drop(carried.toArray(new String[0]));
      DatasetPipeline.Processed processed = pipeline.process(valid, ctx, true);
      ok = true;
      return new Prepared(
          policy,
          pipeline,
          ctx,
          validated,
          input,
          quarantined,
          counts.byReason(),
          counts,
          processed,
          t0);
    } finally {
      if (!ok) {
        validated.unpersist(false);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private DatasetRun writeDataset(Prepared p, PipelineResult result, Path staging) {
    String name = p.policy().name();
    long tw = System.nanoTime();
    // typed companions of the band and period labels (functions of the label only):
    // io.appianon.release.TypedColumns
    TypedColumns.add(p.policy(), result.output())
        .write()
        .mode(SaveMode.ErrorIfExists)
        .option("compression", config.compression())
        // file: URI, not a bare path: the release store is a local/shared POSIX folder (java.nio
        // rename), and a cluster's default file system (HDFS) must not take the data elsewhere
        .parquet(staging.resolve(name).toUri().toString());
    LOG.info("[{}] written to staging ({} s)", name, secs(tw));
    long input = p.input();
    long quarantined = p.quarantined();
    long suppressed = result.suppressed();
    long published = result.published();
    if (input != published + suppressed + quarantined) {
      throw new IllegalStateException(
          "["
              + name
              + "] counts do not reconcile: input "
              + input
              + " != published "
              + published
              + " + suppressed "
              + suppressed
              + " + quarantined "
              + quarantined);
    }
    PrivacySection privacy = result.report().privacy();
    // no privacy block (pseudonymous kind): k_achieved is null, no k was sought
    long k = privacy.kAchieved() == null ? 0 : privacy.kAchieved();
    LOG.info(
        "[{}] published {} rows, suppressed {}, quarantined {}; k achieved {} ({} s)",
        name,
        published,
        suppressed,
        quarantined,
        k,
        secs(p.started()));
    DatasetSection.Rows rows =
        new DatasetSection.Rows(
            input,
            published,
            suppressed,
            quarantined,
            true,
            p.counts().lines() >= 0
                ? DatasetSection.SourceLines.of(p.counts().lines(), p.counts().quarantinedLines())
                : null,
            result.suppressedByReason(),
            p.quarantinedByReason());
    Map<String, List<String>> columns = columnsReport(result);
    columns.put(
        "typed",
        TypedColumns.published(p.policy(), result.output()).stream()
            .flatMap(t -> t.companions().stream())
            .toList());
    DatasetSection report =
        new DatasetSection(
            rows,
            columns,
            result.report().techniques(),
            privacy,
            (System.nanoTime() - p.started()) / 1e9);
    return new DatasetRun(
        new DatasetSummary(
            name,
            input,
            published,
            suppressed,
            quarantined,
            k,
            result.suppressedByReason(),
            p.quarantinedByReason(),
            ReportJson.toMap(privacy)),
        report,
        result);
  }

  private static Map<String, List<String>> columnsReport(PipelineResult result) {
    Map<String, List<String>> byKind = new TreeMap<>();
    result
        .lineage()
        .columns()
        .forEach(
            (col, e) -> {
              List<String> kinds =
                  e.kinds().isEmpty()
                      ? List.of("kept")
                      : e.kinds().stream().map(Processing::key).toList();
              for (String k : new java.util.LinkedHashSet<>(kinds)) {
                byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(col);
              }
            });
    List<String> deleted = result.lineage().deleted().stream().map(d -> d.column()).toList();
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("published", List.copyOf(result.lineage().columns().keySet()));
    out.put("deleted", deleted);
    out.putAll(byKind);
    return out;
  }

  private void writeQuarantine(Dataset<Row> validated, DatasetPolicy policy, Path dir)
      throws IOException {
    List<Column> cols = new ArrayList<>();
    for (String c : policy.columnNames()) {
      cols.add(col(InputReader.RAW + "." + c).as(c));
    }
    cols.add(col(InputReader.REASON).as("reason"));
    cols.add(col(InputReader.SOURCE).as("source_record"));
    cols.add(col(InputReader.FILE).as("source_file"));
    OwnerOnly.createDirectories(dir.getParent());
    validated
        .where(col(InputReader.REASON).isNotNull())
        .select(cols.toArray(new Column[0]))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .json(dir.toUri().toString()); // local, as above
    OwnerOnly.restrictTree(dir);
    LOG.info("[{}] quarantined rows written to {}", policy.name(), dir);
  }

  private static String secs(long t0) {
    return String.format("%.1f", (System.nanoTime() - t0) / 1e9);
  }
}
