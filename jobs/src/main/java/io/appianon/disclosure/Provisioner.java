package io.appianon.disclosure;

import io.appianon.job.JobConfig;
import io.appianon.release.FileDigests;
import io.appianon.release.Json;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.ReleaseStore;
import io.appianon.release.Manifest;
import io.appianon.release.OwnerOnly;
import io.appianon.release.ParquetLabels;
import io.appianon.release.ReleaseException;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code appi-anon provide}: packages a published release for one recipient (APPI Art. 43(4)) into
 * {@code <provisions-dir>/<release-id>/<recipient>/}:
 * <ul>
 *   <li>{@code data/<dataset>/*.parquet}: copies of the release's files whose footers state that the data is
 *       anonymously processed information, that re-identification and collation are prohibited, and who received
 *       it;</li>
 *   <li>{@code NOTICE.ja.txt}, {@code NOTICE.en.txt}: the explicit notice to the recipient (status, categories, method
 *       of provision, prohibitions of Arts. 43(5), 44 and 45), to send in writing or by e-mail;</li>
 *   <li>{@code provision.json}: the provision record, also appended to the append-only log
 *       {@code <provisions-dir>/provisions.jsonl}.</li>
 * </ul>
 * Nothing of the processing-method information (policies, parameters, report) goes into a package (Art. 45). A
 * provision is refused unless its categories and method were announced at least {@code min-notice} before.
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
   * @param method the id of an announced method of provision ({@code web} for publication on the internet)
   */
  public record Request(String releaseId, String recipient, String recipientName, String method) {
    public Request {
      if (!RECIPIENT.matcher(recipient).matches()) {
        throw new IllegalArgumentException("invalid recipient id '" + recipient + "' (letters, digits, '.', '_', '-')");
      }
    }
  }

  private final JobConfig config;
  private final DisclosureConfig disclosure;
  private final Clock clock;

  public Provisioner(JobConfig config, Clock clock) {
    this.config = config;
    this.disclosure = config.disclosure();
    this.clock = clock;
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
      throw new ReleaseException("no published release " + r.releaseId() + " in " + config.output()
          + " (" + manifestFile + " not found)");
    }
    Map<String, Object> manifest = Json.read(manifestFile);
    Disclosure content = Disclosure.fromManifest(manifest, List.of());
    DisclosureHistory history = DisclosureHistory.load(config.output());
    HistoryEntry announced = AnnouncementGate.forProvision(history, r.releaseId(), content, r.method(), now,
        disclosure.minNotice(), disclosure.zone());
    ProvisionMethod method = announced.disclosure().method(r.method()).orElseThrow();

    // Absolute: Files.createDirectories may return an absolute path for a relative one (the shipped provisions.dir
    // is relative), and relativize needs both sides of one kind.
    Path root = OwnerOnly.createDirectories(root().toAbsolutePath().normalize());
    try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = tryLock(ch, root)) {
      Path target = root.resolve(r.releaseId()).resolve(r.recipient());
      if (Files.exists(target)) {
        throw new ReleaseException("release " + r.releaseId() + " was already provided to " + r.recipient() + " ("
            + target + "); see `appi-anon provisions list`");
      }
      String provisionId = DisclosureHistory.stamp(now) + "-" + HexFormat.of().formatHex(randomBytes(4));
      Path staging = root.resolve(".staging").resolve(provisionId);
      deleteTree(staging);
      Files.createDirectories(staging);
      try {
        List<Map<String, Object>> files = new ArrayList<>();
        for (DatasetDisclosure d : content.datasets()) {
          Map<String, String> labels = new LinkedHashMap<>(ReleaseDisclosure.labels(r.releaseId(), d,
              announced.producer()));
          labels.put(ParquetLabels.PREFIX + "recipient", r.recipientName());
          labels.put(ParquetLabels.PREFIX + "provision_id", provisionId);
          labels.put(ParquetLabels.PREFIX + "provided_at", now.toString());
          labels.put(ParquetLabels.PREFIX + "provision_method", method.id());
          Path out = Files.createDirectories(staging.resolve("data").resolve(d.name()));
          for (Path src : ParquetLabels.parquetFiles(release.resolve(d.name()))) {
            Path dst = out.resolve(src.getFileName().toString());
            ParquetLabels.copyWithLabels(src, dst, labels);
            files.add(fileEntry(staging, dst));
          }
        }
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
        record.put("datasets", content.datasets().stream().map(d -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", d.name());
          m.put("title", Manifest.text(d.title()));
          m.put("categories", d.categories().stream().map(c -> Manifest.text(c.name())).toList());
          return m;
        }).toList());
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("entry", announced.id());
        ann.put("announced_at", announced.at().toString());
        ann.put("min_notice", disclosure.minNotice().toString());
        record.put("announcement", ann);
        record.put("package", target.toString());
        record.put("files", files);
        Files.writeString(staging.resolve("NOTICE.ja.txt"), notice(record, announced, method, content, true),
            StandardCharsets.UTF_8);
        Files.writeString(staging.resolve("NOTICE.en.txt"), notice(record, announced, method, content, false),
            StandardCharsets.UTF_8);
        Json.write(staging.resolve("provision.json"), record);
        OwnerOnly.restrictTree(staging);
        OwnerOnly.createDirectories(target.getParent());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        log().append(record);
        return record;
      } finally {
        deleteTree(staging);
      }
    }
  }

  private static String notice(Map<String, Object> record, HistoryEntry announced, ProvisionMethod method,
      Disclosure content, boolean ja) {
    Map<?, ?> recipient = (Map<?, ?>) record.get("recipient");
    String nl = "\n";
    StringBuilder b = new StringBuilder();
    if (ja) {
      b.append("匿名加工情報の提供に関するお知らせ").append(nl).append(nl);
      b.append(recipient.get("name")).append(" 御中").append(nl).append(nl);
      b.append("本書とともに提供する情報は、個人情報の保護に関する法律第43条第1項に基づき作成した匿名加工情報です"
          + "（同法第43条第4項に基づく明示）。").append(nl).append(nl);
      b.append("提供者: ").append(announced.producer().ja()).append(nl);
      b.append("お問い合わせ窓口: ").append(announced.contact().ja()).append(nl);
      b.append("提供日: ").append(Pages.dateJa(LocalDate.parse((String) record.get("date")))).append(nl);
      b.append("提供の方法: ").append(method.description().ja()).append(nl);
      b.append("リリースID: ").append(record.get("release_id")).append(nl);
      b.append("提供ID: ").append(record.get("provision_id")).append(nl);
      b.append("公表: ").append(announced.id()).append("（").append(Pages.dateJa(announced.date())).append("）")
          .append(nl).append(nl);
      b.append("含まれる個人に関する情報の項目:").append(nl);
      for (DatasetDisclosure d : content.datasets()) {
        b.append("  [").append(d.title().ja()).append("]").append(nl);
        for (Category c : d.categories()) {
          b.append("    ・「").append(c.name().ja()).append("」: ")
              .append(PublicWording.plain(c.processing()).ja()).append(nl);
        }
      }
      b.append(nl).append("禁止事項:").append(nl).append("  ").append(Notice.PROHIBITION.ja()).append(nl)
          .append(nl).append("  ").append(Notice.ONWARD.ja()).append(nl);
    } else {
      b.append("Notice on the provision of anonymously processed information").append(nl).append(nl);
      b.append("To: ").append(recipient.get("name")).append(nl).append(nl);
      b.append("The information provided with this notice is anonymously processed information produced under"
          + " Article 43(1) of the Act on the Protection of Personal Information (Japan) (explicit notice under"
          + " Article 43(4)).").append(nl).append(nl);
      b.append("Provider: ").append(announced.producer().en()).append(nl);
      b.append("Contact: ").append(announced.contact().en()).append(nl);
      b.append("Date of provision: ").append(Pages.dateEn(LocalDate.parse((String) record.get("date")))).append(nl);
      b.append("Method of provision: ").append(method.description().en()).append(nl);
      b.append("Release ID: ").append(record.get("release_id")).append(nl);
      b.append("Provision ID: ").append(record.get("provision_id")).append(nl);
      b.append("Announcement: ").append(announced.id()).append(" (").append(Pages.dateEn(announced.date())).append(")")
          .append(nl).append(nl);
      b.append("Categories of information relating to individuals contained:").append(nl);
      for (DatasetDisclosure d : content.datasets()) {
        b.append("  [").append(d.title().en()).append("]").append(nl);
        for (Category c : d.categories()) {
          b.append("    - ").append(c.name().en()).append(": ")
              .append(PublicWording.plain(c.processing()).en()).append(nl);
        }
      }
      b.append(nl).append("Prohibited:").append(nl).append("  ").append(Notice.PROHIBITION.en()).append(nl)
          .append(nl).append("  ").append(Notice.ONWARD.en()).append(nl);
    }
    return b.toString();
  }

  private static Map<String, Object> fileEntry(Path base, Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", base.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/'));
    m.put("bytes", Files.size(file));
    m.put("sha256", FileDigests.sha256(file));
    return m;
  }

  private static FileLock tryLock(FileChannel ch, Path root) throws IOException {
    return ReleaseStore.tryLock(ch)
        .orElseThrow(() -> new ReleaseException(root + " is locked by another provision; wait for it to finish"));
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
