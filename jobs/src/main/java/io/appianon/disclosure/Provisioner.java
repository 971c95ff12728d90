package io.appianon.disclosure;

import io.appianon.core.Text;
import io.appianon.release.FileDigests;
import io.appianon.release.Json;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.Manifest;
import io.appianon.release.MethodStore;
import io.appianon.release.OwnerOnly;
import io.appianon.release.ParquetLabels;
import io.appianon.release.Rekeying;
import io.appianon.release.ReleaseException;
import io.appianon.release.ReleaseKind;
import io.appianon.release.ReleaseStore;
import io.appianon.release.SecretBox;
import io.appianon.technique.PseudonymKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code appi-anon provide}: packages a published release for one recipient (APPI Art. 43(4)) into
 * {@code <provisions-dir>/<release-id>/<recipient>/}:
 *
 * <ul>
 *   <li>{@code data/<dataset>/*.parquet}: copies of the release's files whose footers state that
 *       the data is anonymously processed information, that re-identification and collation are
 *       prohibited, and who received it;
 *   <li>{@code NOTICE.ja.txt}, {@code NOTICE.en.txt}: the explicit notice to the recipient (status,
 *       categories, method of provision, prohibitions of Arts. 43(5), 44 and 45), to send in
 *       writing or by e-mail;
 *   <li>{@code provision.json}: the provision record, also appended to the append-only log {@code
 *       <provisions-dir>/provisions.jsonl}.
 * </ul>
 *
 * Every pseudonym column (the manifest's {@code pseudonym_columns}) is re-keyed for this provision
 * alone ({@link Rekeying}): two recipients' copies share no pseudonym. The record names the key id;
 * the key is destroyed once the package is written, and the method store keeps a note of what was
 * re-keyed (never the key). Nothing of the processing-method information (policies, parameters,
 * report) goes into a package (Art. 45). A provision is refused unless its categories and method
 * were announced at least {@code min-notice} before.
 */
public final class Provisioner {
  /** Recipient ids: a folder-safe name. */
  public static final Pattern RECIPIENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** The provision log inside the provisions folder. */
  public static final String LOG = "provisions.jsonl";

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One provision to make.
   *
   * @param releaseId the published release
   * @param recipient the recipient's id (folder name)
   * @param recipientName the recipient's name as written in the notice
   * @param method the id of an announced method of provision ({@code web} for publication on the
   *     internet)
   */
  public record Request(String releaseId, String recipient, String recipientName, String method) {
    public Request {
      if (!RECIPIENT.matcher(recipient).matches()) {
        throw new IllegalArgumentException(
            "invalid recipient id '" + recipient + "' (letters, digits, '.', '_', '-')");
      }
    }
  }

  private final DisclosureSettings config;
  private final DisclosureConfig disclosure;
  private final Clock clock;
  private final Map<String, String> env;
  private final Supplier<SparkSession> spark;
  private final Supplier<PseudonymKey> keys;

  /**
   * A provisioner for the log and for releases without pseudonyms (re-keying needs the constructor
   * below).
   */
  public Provisioner(DisclosureSettings config, Clock clock) {
    this(
        config,
        clock,
        Map.of(),
        () -> {
          throw new IllegalStateException("re-keying pseudonyms needs a SparkSession");
        },
        PseudonymKey::generate);
  }

  /**
   * @param env the environment ({@code APPIANON_METHOD_KEY} seals the method-store note when the
   *     store is encrypted)
   * @param spark the session that re-keys pseudonym columns, asked for only when a release has some
   * @param keys a fresh random key per provision ({@link PseudonymKey#generate}; tests may watch
   *     the key they get)
   */
  public Provisioner(
      DisclosureSettings config,
      Clock clock,
      Map<String, String> env,
      Supplier<SparkSession> spark,
      Supplier<PseudonymKey> keys) {
    this.config = config;
    this.disclosure = config.disclosure();
    this.clock = clock;
    this.env = env;
    this.spark = spark;
    this.keys = keys;
  }

  public Path root() {
    return disclosure.provisionsDir();
  }

  /** The append-only provision log. */
  public JsonLinesLog log() {
    return new JsonLinesLog(root().resolve(LOG));
  }

  /** Checks the announcement, writes the package and appends the record; returns the record. */
  @SuppressWarnings("try") // the lock is held for the whole block
  public Map<String, Object> provide(Request r) throws IOException {
    Instant now = clock.instant();
    Path release = config.output().resolve(r.releaseId());
    Path manifestFile = release.resolve("manifest.json");
    if (!Files.isRegularFile(manifestFile)) {
      throw new ReleaseException(
          "no published release "
              + r.releaseId()
              + " in "
              + config.output()
              + " ("
              + manifestFile
              + " not found)");
    }
    Map<String, Object> manifest = Json.read(manifestFile);
    if (ReleaseKind.ofManifest(manifest) == ReleaseKind.PSEUDONYMOUS) {
      throw new ThirdPartyProvisionException(
          "release "
              + r.releaseId()
              + " is pseudonymously processed information"
              + " (仮名加工情報; "
              + manifestFile
              + ": kind = pseudonymous), which may not be provided to a third party"
              + " (APPI Art. 41(6)); nothing was packaged for "
              + r.recipient()
              + ". To share data, make an anonymous"
              + " release (appianon.release.kind = anonymous), announce it and provide that.");
    }
    Disclosure content = Disclosure.fromManifest(manifest, List.of());
    DisclosureHistory history = DisclosureHistory.load(config.output());
    HistoryEntry announced =
        AnnouncementGate.forProvision(
            history,
            r.releaseId(),
            content,
            Optional.of(disclosure.terms()),
            r.method(),
            now,
            disclosure.minNotice(),
            disclosure.zone());
    ProvisionMethod method = announced.disclosure().method(r.method()).orElseThrow();

    // Absolute: Files.createDirectories may return an absolute path for a relative one (the shipped
    // provisions.dir is relative), and relativize needs both sides of one kind.
    Path root = OwnerOnly.createDirectories(root().toAbsolutePath().normalize());
    try (FileChannel ch =
            FileChannel.open(
                root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(ch, root)) {
      Path target = root.resolve(r.releaseId()).resolve(r.recipient());
      if (Files.exists(target)) {
        throw new ReleaseException(
            "release "
                + r.releaseId()
                + " was already provided to "
                + r.recipient()
                + " ("
                + target
                + "); see `appi-anon provisions list`");
      }
      String provisionId =
          DisclosureHistory.stamp(now) + "-" + HexFormat.of().formatHex(randomBytes(4));
      Path staging = root.resolve(".staging").resolve(provisionId);
      deleteTree(staging);
      Files.createDirectories(staging);
      Map<String, List<String>> pseudonyms = pseudonymColumns(manifest, manifestFile);
      boolean rekey = pseudonyms.values().stream().anyMatch(l -> !l.isEmpty());
      MethodStore methodStore =
          rekey ? methodStore() : null; // a missing passphrase fails before any work
      PseudonymKey key = rekey ? keys.get() : null;
      try {
        String keyId = rekey ? Rekeying.keyId(key) : null;
        Path rekeyed = staging.resolve(".rekeyed");
        List<Map<String, Object>> files = new ArrayList<>();
        for (DatasetDisclosure d : content.datasets()) {
          Map<String, String> labels =
              new LinkedHashMap<>(ReleaseDisclosure.labels(r.releaseId(), d, announced.producer()));
          labels.put(ParquetLabels.PREFIX + "recipient", r.recipientName());
          labels.put(ParquetLabels.PREFIX + "provision_id", provisionId);
          labels.put(ParquetLabels.PREFIX + "provided_at", now.toString());
          labels.put(ParquetLabels.PREFIX + "provision_method", method.id());
          Path source = release.resolve(d.name());
          List<String> columns = pseudonyms.getOrDefault(d.name(), List.of());
          if (!columns.isEmpty()) {
            labels.put(ParquetLabels.PREFIX + "pseudonym_key_id", keyId);
            Path copy = rekeyed.resolve(d.name());
            Rekeying.rekey(spark.get(), source, columns, key, copy, config.compression());
            source = copy;
          }
          Path out = Files.createDirectories(staging.resolve("data").resolve(d.name()));
          for (Path src : ParquetLabels.parquetFiles(source)) {
            Path dst = out.resolve(src.getFileName().toString());
            ParquetLabels.copyWithLabels(src, dst, labels);
            files.add(fileEntry(staging, dst));
          }
        }
        deleteTree(rekeyed);
        LocalDate date = LocalDate.ofInstant(now, disclosure.zone());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("provision_id", provisionId);
        record.put("provided_at", now.toString());
        record.put("date", date.toString());
        record.put("by", System.getProperty("user.name"));
        record.put("release_id", r.releaseId());
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("id", r.recipient());
        recipient.put("name", r.recipientName());
        record.put("recipient", recipient);
        record.put("method", method.toJson());
        record.put("status", Manifest.text(Notice.STATUS));
        record.put(
            "datasets",
            content.datasets().stream()
                .map(
                    d -> {
                      Map<String, Object> m = new LinkedHashMap<>();
                      m.put("name", d.name());
                      m.put("title", Manifest.text(d.title()));
                      // contained in the published files (a category withheld in every row is not:
                      // DatasetDisclosure)
                      m.put(
                          "categories",
                          d.contained().stream().map(c -> Manifest.text(c.name())).toList());
                      return m;
                    })
                .toList());
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("entry", announced.id());
        ann.put("announced_at", announced.at().toString());
        ann.put("min_notice", disclosure.minNotice().toString());
        record.put("announcement", ann);
        if (rekey) {
          Map<String, Object> rk = rekeyRecord(keyId, pseudonyms);
          rk.put(
              "notice",
              Manifest.text(Notice.recipientPseudonyms(pseudonymLabels(manifest, pseudonyms))));
          record.put("pseudonyms", rk);
        }
        record.put("package", target.toString());
        record.put("files", files);
        Files.writeString(
            staging.resolve("NOTICE.ja.txt"),
            notice(record, announced, method, content, true),
            StandardCharsets.UTF_8);
        Files.writeString(
            staging.resolve("NOTICE.en.txt"),
            notice(record, announced, method, content, false),
            StandardCharsets.UTF_8);
        Json.write(staging.resolve("provision.json"), record);
        OwnerOnly.restrictTree(staging);
        if (rekey) {
          methodStore.writeNote(
              r.releaseId(), "provisions/" + provisionId + ".json", methodNote(record));
        }
        OwnerOnly.createDirectories(target.getParent());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        log().append(record);
        return record;
      } finally {
        if (key != null) {
          key.destroy();
        }
        deleteTree(staging);
      }
    }
  }

  /** The pseudonym columns per dataset, as the release's manifest lists them. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> pseudonymColumns(
      Map<String, Object> manifest, Path file) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map<String, Object> d :
        (List<Map<String, Object>>) manifest.getOrDefault("datasets", List.of())) {
      Object cols = d.get(Manifest.PSEUDONYM_COLUMNS);
      if (!(cols instanceof List<?>)) {
        throw new ReleaseException(
            file
                + ": dataset "
                + d.get("name")
                + " has no "
                + Manifest.PSEUDONYM_COLUMNS
                + " (a release made before per-recipient pseudonyms): its pseudonyms cannot be re-keyed for a recipient;"
                + " make a new release");
      }
      out.put((String) d.get("name"), List.copyOf((List<String>) cols));
    }
    return out;
  }

  /**
   * The published category labels of the pseudonym columns (「会員ID」, once each), as the manifest
   * lists them.
   */
  @SuppressWarnings("unchecked")
  private static List<Text> pseudonymLabels(
      Map<String, Object> manifest, Map<String, List<String>> pseudonyms) {
    java.util.LinkedHashSet<Text> out = new java.util.LinkedHashSet<>();
    for (Map<String, Object> d :
        (List<Map<String, Object>>) manifest.getOrDefault("datasets", List.of())) {
      List<String> columns = pseudonyms.getOrDefault((String) d.get("name"), List.of());
      for (Map<String, Object> c :
          (List<Map<String, Object>>) d.getOrDefault("categories", List.of())) {
        if (columns.contains((String) c.get("column"))
            && c.get("category") instanceof Map<?, ?> t) {
          out.add(Text.of((String) t.get("ja"), (String) t.get("en")));
        }
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, Object> rekeyRecord(String keyId, Map<String, List<String>> columns) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("per_recipient", true);
    m.put("key_id", keyId);
    m.put("algorithm", Rekeying.ALGORITHM);
    Map<String, Object> cols = new LinkedHashMap<>();
    columns.forEach(
        (d, c) -> {
          if (!c.isEmpty()) {
            cols.put(d, c);
          }
        });
    m.put("columns", cols);
    m.put("key", "random for this provision, destroyed after the package was written");
    return m;
  }

  /** What the method store keeps of a provision's re-keying: ids and columns, never the key. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> methodNote(Map<String, Object> record) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provision_id", record.get("provision_id"));
    m.put("provided_at", record.get("provided_at"));
    m.put("release_id", record.get("release_id"));
    m.put("recipient", ((Map<String, Object>) record.get("recipient")).get("id"));
    m.putAll((Map<String, Object>) record.get("pseudonyms"));
    return m;
  }

  private MethodStore methodStore() {
    Optional<SecretBox> box =
        config.encryptMethodStore()
            ? Optional.of(SecretBox.require(env, "appianon.method-store.encrypt = true"))
            : Optional.empty();
    return new MethodStore(config.methodStoreDir(), box);
  }

  private static String notice(
      Map<String, Object> record,
      HistoryEntry announced,
      ProvisionMethod method,
      Disclosure content,
      boolean ja) {
    Map<?, ?> recipient = (Map<?, ?>) record.get("recipient");
    String nl = "\n";
    StringBuilder b = new StringBuilder();
    if (ja) {
      b.append("匿名加工情報の提供に関するお知らせ").append(nl).append(nl);
      b.append(recipient.get("name")).append(" 御中").append(nl).append(nl);
      b.append("本書とともに提供する情報は、個人情報の保護に関する法律第43条第1項に基づき作成した匿名加工情報です" + "（同法第43条第4項に基づく明示）。")
          .append(nl)
          .append(nl);
      b.append("提供者: ").append(announced.producer().ja()).append(nl);
      b.append("お問い合わせ窓口: ").append(announced.contact().ja()).append(nl);
      b.append("提供日: ")
          .append(Pages.dateJa(LocalDate.parse((String) record.get("date"))))
          .append(nl);
      b.append("提供の方法: ").append(method.description().ja()).append(nl);
      b.append("リリースID: ").append(record.get("release_id")).append(nl);
      b.append("提供ID: ").append(record.get("provision_id")).append(nl);
      b.append("公表: ")
          .append(announced.id())
          .append("（")
          .append(Pages.dateJa(announced.date()))
          .append("）")
          .append(nl)
          .append(nl);
      b.append("含まれる個人に関する情報の項目:").append(nl);
      for (DatasetDisclosure d : content.datasets()) {
        b.append("  [").append(d.title().ja()).append("]").append(nl);
        for (Category c : d.contained()) {
          b.append("    ・「")
              .append(c.name().ja())
              .append("」: ")
              .append(PublicWording.plain(c.processing()).ja())
              .append(nl);
        }
      }
      if (record.get("pseudonyms") instanceof Map<?, ?> ps
          && ps.get("notice") instanceof Map<?, ?> n) {
        b.append(nl).append("仮IDについて:").append(nl).append("  ").append(n.get("ja")).append(nl);
      }
      b.append(nl)
          .append("禁止事項:")
          .append(nl)
          .append("  ")
          .append(Notice.PROHIBITION.ja())
          .append(nl)
          .append(nl)
          .append("  ")
          .append(Notice.ONWARD.ja())
          .append(nl);
    } else {
      b.append("Notice on the provision of anonymously processed information")
          .append(nl)
          .append(nl);
      b.append("To: ").append(recipient.get("name")).append(nl).append(nl);
      b.append(
              "The information provided with this notice is anonymously processed information produced under"
                  + " Article 43(1) of the Act on the Protection of Personal Information (Japan) (explicit notice under"
                  + " Article 43(4)).")
          .append(nl)
          .append(nl);
      b.append("Provider: ").append(announced.producer().en()).append(nl);
      b.append("Contact: ").append(announced.contact().en()).append(nl);
      b.append("Date of provision: ")
          .append(Pages.dateEn(LocalDate.parse((String) record.get("date"))))
          .append(nl);
      b.append("Method of provision: ").append(method.description().en()).append(nl);
      b.append("Release ID: ").append(record.get("release_id")).append(nl);
      b.append("Provision ID: ").append(record.get("provision_id")).append(nl);
      b.append("Announcement: ")
          .append(announced.id())
          .append(" (")
          .append(Pages.dateEn(announced.date()))
          .append(")")
          .append(nl)
          .append(nl);
      b.append("Categories of information relating to individuals contained:").append(nl);
      for (DatasetDisclosure d : content.datasets()) {
        b.append("  [").append(d.title().en()).append("]").append(nl);
        for (Category c : d.contained()) {
          b.append("    - ")
              .append(c.name().en())
              .append(": ")
              .append(PublicWording.plain(c.processing()).en())
              .append(nl);
        }
      }
      if (record.get("pseudonyms") instanceof Map<?, ?> ps
          && ps.get("notice") instanceof Map<?, ?> n) {
        b.append(nl)
            .append("Temporary IDs:")
            .append(nl)
            .append("  ")
            .append(n.get("en"))
            .append(nl);
      }
      b.append(nl)
          .append("Prohibited:")
          .append(nl)
          .append("  ")
          .append(Notice.PROHIBITION.en())
          .append(nl)
          .append(nl)
          .append("  ")
          .append(Notice.ONWARD.en())
          .append(nl);
    }
    return b.toString();
  }

  private static Map<String, Object> fileEntry(Path base, Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "path",
        base.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/'));
    m.put("bytes", Files.size(file));
    m.put("sha256", FileDigests.sha256(file));
    return m;
  }

  private static FileLock tryLock(FileChannel ch, Path root) throws IOException {
    return ReleaseStore.tryLock(ch)
        .orElseThrow(
            () ->
                new ReleaseException(
                    root + " is locked by another provision; wait for it to finish"));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(x);
      }
    }
  }
}
