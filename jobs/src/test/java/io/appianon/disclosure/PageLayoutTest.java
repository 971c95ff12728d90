package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.core.Text;
import io.appianon.job.JobConfig;
import io.appianon.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public pages in a real browser (headless Chromium): no horizontal overflow on a 320 and 360
 * px wide phone, and printed on A4 in a few pages, headings kept with what follows. Skipped without
 * Chromium, failed under CI=true.
 */
class PageLayoutTest {
  @TempDir Path tmp;

  private static Optional<String> chromium() {
    return Stream.of("chromium", "chromium-browser", "google-chrome")
        .filter(Tools::onPath)
        .findFirst();
  }

  /**
   * An announcement with every part filled (changes, terms), its release and the history page
   * listing both.
   */
  private List<Path> pages() throws IOException {
    JobConfig config = TestProject.config(tmp, Map.of());
    HistoryEntry r = PagesTest.release(config);
    Change added =
        Change.categoryAdded(
            Text.of("顧客アンケート回答", "Customer survey answers"),
            Text.of("推奨度（5段階）", "Likelihood to recommend (1-5)"));
    HistoryEntry a =
        new HistoryEntry(
            "announcement-20260401-090000-with-a-long-id",
            HistoryEntry.ANNOUNCEMENT,
            r.at(),
            r.date(),
            Optional.empty(),
            Optional.of(config.disclosure().coverage()),
            Optional.empty(),
            r.producer(),
            r.contact(),
            r.statement(),
            r.disclosure(),
            r.securityMeasures(),
            r.complaints(),
            Optional.of("announcement-20260301-090000"),
            List.of(added),
            Optional.of(config.disclosure().terms()));
    Path entry = tmp.resolve("entry.html");
    Files.writeString(entry, Pages.entryHtml(a), StandardCharsets.UTF_8);
    Path index = tmp.resolve("index.html");
    Files.writeString(index, Pages.indexHtml(List.of(a, r)), StandardCharsets.UTF_8);
    return List.of(entry, index);
  }

  private String run(String browser, List<String> args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"),
                "--allow-file-access-from-files"));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void thePagesFitA320And360PixelPhoneWithoutHorizontalScrolling() throws Exception {
    Optional<String> browser = chromium();
    Tools.require(browser.isPresent(), "chromium (headless, to measure the page layout)");
    for (Path page : pages()) {
      for (int width : List.of(320, 360)) {
        // Headless windows are at least 500 px wide: the page is measured in an iframe of the
        // phone's width.
        Path host = tmp.resolve("host-" + width + ".html");
        Files.writeString(
            host,
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\""
                + page.toUri()
                + "\" style=\"width:"
                + width
                + "px;height:800px;border:0\"></iframe><script>"
                + "document.getElementById('f').addEventListener('load',()=>{const d=document.getElementById('f')"
                + ".contentDocument.documentElement;const wide=[...d.querySelectorAll('body *')].filter(e=>"
                + "e.getBoundingClientRect().right>d.clientWidth+0.5).map(e=>e.tagName+'.'+e.className).slice(0,5);"
                + "document.body.insertAdjacentHTML('beforeend','<pre id=\"measure\">'+d.scrollWidth+' '+d.clientWidth"
                + "+' '+wide.join(',')+'</pre>')});</script></body></html>",
            StandardCharsets.UTF_8);
        String dom =
            run(
                browser.get(),
                List.of("--virtual-time-budget=5000", "--dump-dom", host.toUri().toString()));
        Matcher m =
            Pattern.compile("<pre id=\"measure\">(\\d+) (\\d+) ?([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "measured " + page.getFileName() + " at " + width + " px: " + dom);
        int scroll = Integer.parseInt(m.group(1));
        int client = Integer.parseInt(m.group(2));
        assertTrue(
            client > width - 30 && client <= width,
            "the frame is " + width + " px wide: " + client);
        assertTrue(
            scroll <= client,
            page.getFileName()
                + " at "
                + width
                + " px: scrollWidth "
                + scroll
                + " > clientWidth "
                + client
                + "; wider than the screen: "
                + m.group(3));
      }
    }
  }

  @Test
  void theAnnouncementPrintsOnA4InAFewPagesWithHeadingsKeptWithTheirText() throws Exception {
    Optional<String> browser = chromium();
    Tools.require(browser.isPresent(), "chromium (headless, to print the page)");
    Path entry = pages().get(0);
    String html = Files.readString(entry);
    assertTrue(
        html.contains("@page{size:A4") && html.contains("h1,h2,h3{break-after:avoid"),
        "print rules");
    Path pdf = tmp.resolve("entry.pdf");
    run(
        browser.get(),
        List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf, entry.toUri().toString()));
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    Matcher box = Pattern.compile("/MediaBox \\[0 0 ([\\d.]+) ([\\d.]+)\\]").matcher(text);
    assertTrue(box.find(), "a page size");
    assertEquals(595, Math.round(Double.parseDouble(box.group(1))), "A4 width in points");
    assertEquals(842, Math.round(Double.parseDouble(box.group(2))), "A4 height in points");
    Matcher count =
        Pattern.compile("/Type /Pages\\b[^>]*?/Count (\\d+)|/Count (\\d+)").matcher(text);
    assertTrue(count.find(), "a page count");
    int pages = Integer.parseInt(count.group(1) != null ? count.group(1) : count.group(2));
    assertTrue(
        pages >= 2 && pages <= 7, "Japanese and English on A4 in at most 7 pages, got " + pages);
  }
}
