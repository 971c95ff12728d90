package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.Text;
import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.release.Manifest;
import io.appianon.testing.Fixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PagesTest {

  static HistoryEntry release(JobConfig config) {
    Disclosure d =
        Disclosure.planned(new AnonymizeJob(config).policies(), config.disclosure().methodList());
    return new HistoryEntry(
        "release-r1",
        HistoryEntry.RELEASE,
        Instant.parse("2026-04-01T01:00:00Z"),
        LocalDate.of(2026, 4, 1),
        Optional.of("r1"),
        Optional.empty(),
        Optional.empty(),
        config.producerName(),
        config.producerContact(),
        Manifest.STATEMENT,
        d,
        config.disclosure().securityMeasures(),
        config.disclosure().complaints(),
        Optional.empty(),
        List.of());
  }

  /**
   * Parses the page as XML: the pages are polyglot HTML5, so a well-formedness error is a broken
   * page.
   */
  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void manifestPageIsSelfContainedHtml5JapaneseFirstWithEveryCategoryAndTheStatement(
      @TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    JobConfig config = Fixture.load(fx.config("app", "B"));
    HistoryEntry e = release(config);
    String html = Pages.entryHtml(e);

    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"ja\">"), html.substring(0, 40));
    Document doc = parse(html);
    Element meta = (Element) doc.getElementsByTagName("meta").item(0);
    assertEquals("utf-8", meta.getAttribute("charset"), "charset declared first");
    assertEquals(1, doc.getElementsByTagName("title").getLength());
    assertEquals(1, doc.getElementsByTagName("style").getLength(), "CSS inline");
    assertEquals(0, doc.getElementsByTagName("script").getLength());
    assertEquals(0, doc.getElementsByTagName("link").getLength(), "no external stylesheet");
    assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), "no inline event handlers");
    NodeList sections = doc.getElementsByTagName("section");
    assertEquals(2, sections.getLength());
    assertEquals("ja", ((Element) sections.item(0)).getAttribute("lang"));
    assertEquals("en", ((Element) sections.item(1)).getAttribute("lang"));
    String ja = sections.item(0).getTextContent();
    String en = sections.item(1).getTextContent();

    for (DatasetDisclosure d : e.disclosure().datasets()) {
      assertTrue(ja.contains(d.title().ja()) && en.contains(d.title().en()), d.name());
      for (Category c : d.categories()) {
        assertTrue(ja.contains("「" + c.name().ja() + "」"), c.name().ja());
        assertTrue(ja.contains(PublicWording.plain(c.processing()).ja()), c.processing().ja());
        assertTrue(en.contains(c.name().en()), c.name().en());
        assertTrue(en.contains(PublicWording.plain(c.processing()).en()), c.processing().en());
      }
    }
    for (String guideline : List.of("「性別」", "「生年」", "購買履歴", "「満足度」")) {
      assertTrue(ja.contains(guideline), guideline);
    }
    assertTrue(ja.contains(Manifest.STATEMENT.ja()) && en.contains(Manifest.STATEMENT.en()));
    assertTrue(ja.contains("取扱者を限定し") && en.contains("Only designated staff"), "security measures");
    assertTrue(
        ja.contains("苦情は個人情報お問い合わせ窓口") && en.contains("Complaints are received"), "complaints");
    assertTrue(
        ja.contains("privacy@test.example")
            && ja.contains("株式会社テスト小売")
            && en.contains("Test Retail K.K."));
    assertTrue(
        ja.contains("暗号化したファイルの送信") && en.contains("encrypted file transfer"),
        "method of provision");
    assertTrue(
        ja.contains("「氏名」") && ja.contains("含まれません"), "deleted categories listed as not contained");
    assertTrue(ja.contains("2026年4月1日") && en.contains("1 Apr 2026"), "date of production");
    assertTrue(html.indexOf("「性別」") < html.indexOf("<section id=\"en\""), "Japanese first");

    String md = Pages.entryMarkdown(e);
    assertTrue(md.indexOf("「性別」") < md.indexOf("Sex"), "Japanese first in Markdown");
    assertTrue(md.contains("| 「生年」 | 年に一般化 |"), md);
    assertTrue(md.contains(Manifest.STATEMENT.en()));
  }

  @Test
  void textFromConfigurationIsEscaped() {
    assertEquals(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;",
        Pages.esc("<script>alert(\"x\")</script> & '"));
    assertEquals("2026年4月1日", Pages.dateJa(LocalDate.of(2026, 4, 1)));
    assertEquals(Text.of("a", "b"), Disclosure.text(Map.of("ja", "a", "en", "b")));
  }
}
