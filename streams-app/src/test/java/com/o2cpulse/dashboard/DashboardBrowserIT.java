package com.o2cpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.o2cpulse.reference.NearestRank;
import com.o2cpulse.testing.NodeRequirement;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's Chromium through Selenium, headless) against a running application:
 * the tiles show the same numbers as the API, an SSE update changes a tile without a reload, the order lookup finds
 * an order, the page reconnects after a restart and warns when updates stop. Screenshots go to target/.
 *
 * <p><b>How the application is obtained.</b> {@link #startApplication()} is the one place that says what to test:
 * here the embedded application (broker, topology, HTTP API and simulator, see {@link EmbeddedApplication}): the
 * production code, so that the page is tested once, against what users run.
 * Every test skips (JUnit assumption) when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing.
 *
 * <p>The page exposes what the test reads as stable ids and data attributes: {@code data-value} holds the raw number
 * behind each formatted figure (a ratio, a count, seconds, or a decimal string for money).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
public class DashboardBrowserIT {

    /** A running o2c-pulse (or a stand-in) whose HTTP port serves the dashboard and the API. */
    public interface AppUnderTest extends AutoCloseable {

        /** Base URL of the HTTP server, e.g. {@code http://127.0.0.1:8080/}. */
        URI baseUri();

        /** A correlationId the application has processed (a simulated order). */
        String knownOrderId();

        /** Makes the application publish a KPI change soon (feed more events); a live simulation needs nothing. */
        default void produceUpdate() {
        }

        /**
         * Stops the application, runs {@code whileStopped} (which waits for the page to notice), and starts it again
         * on the same port; unsupported fixtures skip the reconnect test.
         */
        default void restart(Runnable whileStopped) throws Exception {
            throw new UnsupportedOperationException("restart");
        }

        /** Stops KPI changes until {@link #resumeUpdates()}; unsupported fixtures skip the stale-warning test. */
        default void pauseUpdates() {
            throw new UnsupportedOperationException("pause");
        }

        default void resumeUpdates() {
        }

        @Override
        default void close() throws Exception {
        }
    }

    /** The fixture: the embedded application as the README's run command starts it, on a free port. */
    protected AppUnderTest startApplication() throws Exception {
        return new EmbeddedApplication();
    }

    /** Where screenshots go; the name says which fixture took them. */
    protected String screenshotPrefix() {
        return "dashboard";
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Chromium opens at most six HTTP/1.1 connections per host; one page more than that. */
    private static final int PAGES_OVER_CONNECTION_LIMIT = 7;
    private static final List<Logger> QUIET = new ArrayList<>();

    private AppUnderTest app;
    private ChromeDriver driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startBrowserAndApplication() throws Exception {
        assumeTrue(HeadlessChromium.available(),
                "Chromium not installed: apt-get install chromium chromium-driver (" + HeadlessChromium.CHROMIUM + ", "
                        + HeadlessChromium.CHROMEDRIVER + ")");
        for (String name : List.of("org.openqa.selenium.devtools", "org.openqa.selenium.chromium")) {
            Logger logger = Logger.getLogger(name); // no CDP bindings for this Chromium are needed: keep the log quiet
            logger.setLevel(Level.SEVERE);
            QUIET.add(logger);
        }
        app = startApplication();
        driver = HeadlessChromium.start(1600, 1000);
    }

    @AfterAll
    void stopBrowserAndApplication() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    @Test
    void tilesShowTheSameNumbersAsTheApi() throws Exception {
        open("");
        // Both sides move while the application runs: compare until one API reading equals the page's reading
        // taken on both sides of it.
        Map<String, Object> lastPage = null;
        Map<String, Object> lastApi = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> before = pageFigures();
            Map<String, Object> api = apiFigures();
            Map<String, Object> after = pageFigures();
            lastPage = after;
            lastApi = api;
            if (before.equals(after) && sameFigures(after, api)) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(normalized(lastPage)).as("dashboard tiles vs API").isEqualTo(normalized(lastApi));

        // And the numbers are formatted for people.
        assertThat(text("line-fill-today")).matches("—|\\d{1,3}\\.\\d%");
        assertThat(text("backlog-open-orders")).matches("—|\\d{1,3}(,\\d{3})*");
        assertThat(text("latency-p50-7d")).matches("—|\\d+ (s|m|h|d)( \\d+ (s|m|h))?");
        String currency = attribute("backlog-value-main", "data-currency");
        if ("USD".equals(currency)) {
            assertThat(text("backlog-value-main")).startsWith("$");
        }
        assertThat(text("as-of")).contains("As of");
        screenshot("laptop");
    }

    @Test
    void anSseUpdateChangesATileWithoutReload() throws Exception {
        open("");
        waitUntil("the stream is live", () -> "live".equals(attribute("conn-status", "data-state")));
        js("window.__o2cMarker = 'still the same page';");
        long eventsBefore = Long.parseLong(bodyAttribute("data-kpi-events"));
        Map<String, String> tilesBefore = tileState();
        app.produceUpdate();
        waitUntil("a KPI event changes a tile", () -> Long.parseLong(bodyAttribute("data-kpi-events")) > eventsBefore
                && !tileState().equals(tilesBefore));
        assertThat(js("return window.__o2cMarker")).as("no reload").isEqualTo("still the same page");
        assertThat(js("return performance.getEntriesByType('navigation').length")).isEqualTo(1L);
    }

    @Test
    void breakdownsSortByAnyColumn() {
        open("");
        waitUntil("channel rows", () -> !driver.findElements(By.cssSelector("#by-channel tbody tr[data-key]")).isEmpty());
        click("#by-channel th[data-sort='lineFillRate'] button");
        assertThat(attributeOf("#by-channel th[data-sort='lineFillRate']", "aria-sort")).isEqualTo("descending");
        assertThat(columnValues("by-channel", "lineFillRate")).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        click("#by-channel th[data-sort='lineFillRate'] button");
        assertThat(attributeOf("#by-channel th[data-sort='lineFillRate']", "aria-sort")).isEqualTo("ascending");
        assertThat(columnValues("by-channel", "lineFillRate")).isSorted();
        click("#by-warehouse th[data-sort='key'] button");
        @SuppressWarnings("unchecked")
        List<String> warehouses = (List<String>) js(
                "return [...document.querySelectorAll('#by-warehouse tbody tr[data-key]')].map(r => r.dataset.key)");
        assertThat(warehouses).isNotEmpty().isSorted();
    }

    @Test
    void orderLookupFindsAnOrder() throws Exception {
        open("");
        String id = app.knownOrderId();
        // The simulation keeps moving the order: look it up until the page and the API, read on both sides of it,
        // agree on its status.
        JsonNode order = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (order == null) {
            String before = get("api/orders/" + id).body().path("status").asText();
            lookUp(id);
            try {
                waitUntil("the order is shown", () -> "found".equals(attribute("order-result", "data-state"))
                        && id.equals(attribute("order-result", "data-correlation-id")));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("order " + id + " not shown: the page says " + attribute("order-result", "data-state")
                        + " (" + text("order-result") + "), the API answers " + get("api/orders/" + id), e);
            }
            JsonNode after = get("api/orders/" + id).body();
            String shown = attribute("order-status", "data-value");
            if (before.equals(after.path("status").asText()) && shown.equals(before)) {
                order = after;
            } else if (System.nanoTime() - deadline > 0) {
                assertThat(shown).as("the page's status of order %s", id).isEqualTo(after.path("status").asText());
            }
        }
        List<WebElement> lines = driver.findElements(By.cssSelector("#order-lines tbody tr[data-line-id]"));
        assertThat(lines).hasSize(order.path("lines").size());
        assertThat(driver.findElements(By.cssSelector("#order-milestones li[data-milestone]")).size()).isGreaterThanOrEqualTo(4);
        assertThat(attribute("order-exceptions", "data-count")).isEqualTo(String.valueOf(order.path("openExceptions").size()));
        js("document.getElementById('lookup').scrollIntoView()");
        screenshot("order");

        lookUp("SO-DOES-NOT-EXIST");
        waitUntil("an unknown order says so", () -> "not-found".equals(attribute("order-result", "data-state")));
        assertThat(text("order-result")).contains("SO-DOES-NOT-EXIST");
    }

    @Test
    void orderLookupOffersRecentOrdersAndFollowsAChangedOrderHash() throws Exception {
        open("");
        waitUntil("recent orders are offered", () -> !driver.findElements(By.cssSelector("#recent-orders a")).isEmpty());
        String recent = attributeOf("#recent-orders a", "data-correlation-id");
        assertThat(get("api/orders/" + encode(recent)).status()).isEqualTo(200);
        assertThat(driver.findElement(By.id("order-id")).getAttribute("placeholder")).startsWith("Order id, e.g. ");

        click("#recent-orders a");
        waitUntil("the recent order is shown", () -> recent.equals(attribute("order-result", "data-correlation-id"))
                && "found".equals(attribute("order-result", "data-state")));

        @SuppressWarnings("unchecked")
        List<String> offered = (List<String>) js("return [...document.querySelectorAll('#order-suggestions option')].map(o => o.value)");
        // Another order than the one on screen, so that only following the hash can show it.
        String known = app.knownOrderId().equals(recent) ? offered.stream().filter(id -> !id.equals(recent)).findFirst().orElseThrow()
                : app.knownOrderId();
        js("location.hash = '#order=" + known + "'");
        waitUntil("the order of the changed hash is shown", () -> known.equals(attribute("order-result", "data-correlation-id"))
                && "found".equals(attribute("order-result", "data-state")));
        assertThat(driver.findElement(By.id("order-id")).getAttribute("value")).isEqualTo(known);

        String prefix = known.substring(0, known.length() - 1);
        WebElement input = driver.findElement(By.id("order-id"));
        input.clear();
        input.sendKeys(prefix);
        waitUntil("orders matching the typed prefix are suggested", () -> {
            @SuppressWarnings("unchecked")
            List<String> options = (List<String>) js("return [...document.querySelectorAll('#order-suggestions option')].map(o => o.value)");
            return !options.isEmpty() && options.stream().allMatch(option -> option.startsWith(prefix));
        });
    }

    @Test
    void footerNamesTheBuildDefinitionsSlaAndZoneOfApiInfo() throws Exception {
        JsonNode info = get("api/info").body();

        open("");

        waitUntil("the footer names the build", () -> text("foot-info").contains(info.path("version").asText()));
        assertThat(text("foot-info")).contains(info.path("kpiDefinitions").asText(), "business zone " + info.path("businessZone").asText(),
                "invoice SLA");
        assertThat(bodyAttribute("data-business-today")).isEqualTo(info.path("businessToday").asText());
    }

    @Test
    void axeFindsNoAccessibilityViolationsOfAnyImpactOnTheLaptopAndWallScreenLayouts() throws Exception {
        StringBuilder whyNot = new StringBuilder();
        String axe = AxeCore.script(whyNot).orElse(null);
        NodeRequirement.assumeAvailable(axe != null, whyNot.toString());
        for (String layout : List.of("", "?tv=1")) {
            open(layout);
            js(axe);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            String violations = (String) ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, { resultTypes: ['violations'] })
                      .then((r) => done(JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))))
                      .catch((e) => done(JSON.stringify([{ id: 'axe-error', help: String(e) }])));""");

            assertThat(JSON.readTree(violations)).as("axe-core %s violations on /%s: %s", AxeCore.VERSION, layout, violations).isEmpty();
        }
    }

    @Test
    void trendChartsTickEachDayOnceAndNoHoursBetweenDays() {
        open("");
        waitUntil("the trend charts have day ticks", () -> attribute("chart-fill", "data-day-ticks") != null
                && attribute("chart-latency", "data-day-ticks") != null);

        for (String chart : List.of("chart-fill", "chart-latency")) {
            List<String> days = jsonStrings(attribute(chart, "data-days"));
            List<String> ticks = jsonStrings(attribute(chart, "data-day-ticks"));

            assertThat(ticks).as("%s ticks of days %s", chart, days).isNotEmpty().doesNotHaveDuplicates();
            assertThat(days).as(chart).containsAll(ticks);
            assertThat(ticks.get(ticks.size() - 1)).as("%s: today is always a tick", chart).isEqualTo(days.get(days.size() - 1));
            if (days.size() <= 7) {
                assertThat(ticks).as("%s: a week or less has every day", chart).isEqualTo(days);
            }
        }
    }

    @Test
    void aLiveUpdateKeepsTheKeyboardFocusOnASortButton() throws Exception {
        open("");
        waitUntil("the channel breakdown has rows", () -> !driver.findElements(By.cssSelector("#by-channel tbody tr[data-key]")).isEmpty());
        js("document.querySelector('#by-channel th[data-sort=\"key\"] button').focus();"
                + "document.querySelector('#by-channel thead').dataset.beforeUpdate = 'true'");

        app.produceUpdate();
        waitUntil("a live update re-rendered the table", () -> Boolean.TRUE.equals(js(
                "return !document.querySelector('#by-channel thead[data-before-update]')")));

        assertThat(js("const a = document.activeElement; return a && a.closest('#by-channel th[data-sort]') ? a.closest('th').dataset.sort : String(a && a.tagName)"))
                .isEqualTo("key");
    }

    @Test
    void changedFiguresAreTintedNeverUnderlinedLikeLinks() {
        open("");

        String flashRules = (String) js("""
                return [...document.styleSheets].flatMap((s) => { try { return [...s.cssRules]; } catch { return []; } })
                  .filter((r) => (r.name && r.name.startsWith('flash')) || (r.selectorText || '').includes('.flash'))
                  .map((r) => r.cssText).join('\\n');""");

        assertThat(flashRules).contains("background-color").doesNotContain("inset").doesNotContain("underline");
    }

    @Test
    void reconnectsAfterTheApplicationRestarts() throws Exception {
        open("");
        waitUntil("the stream is live", () -> "live".equals(attribute("conn-status", "data-state")));
        js("window.__o2cMarker = 'before restart';");
        try {
            app.restart(() -> waitUntil("the page shows that it is reconnecting",
                    () -> "reconnecting".equals(attribute("conn-status", "data-state"))));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "the fixture cannot restart the application");
        }
        waitUntil("live again", () -> "live".equals(attribute("conn-status", "data-state"))
                && "loaded".equals(bodyAttribute("data-snapshot")));
        long events = Long.parseLong(bodyAttribute("data-kpi-events"));
        app.produceUpdate();
        waitUntil("updates flow again", () -> Long.parseLong(bodyAttribute("data-kpi-events")) > events);
        assertThat(js("return window.__o2cMarker")).as("no reload").isEqualTo("before restart");
    }

    @Test
    void warnsWhenUpdatesStop() throws Exception {
        pauseUpdatesOrSkip();
        try {
            open("?staleAfter=3");
            waitUntil("a visible stale warning", () -> "stale".equals(attribute("stale-banner", "data-state"))
                    && driver.findElement(By.id("stale-banner")).isDisplayed());
            assertThat(text("stale-banner")).contains("No KPI has changed");
            assertThat(attribute("conn-status", "data-state")).isEqualTo("stale");
            screenshot("stale");
        } finally {
            app.resumeUpdates();
        }
        waitUntil("the warning clears once figures move", () -> "fresh".equals(attribute("stale-banner", "data-state")));
    }

    /**
     * A page the browser keeps in its back/forward cache keeps its event stream open unless it closes it, and over
     * HTTP/1.1 a browser opens six connections per host: six pages left behind held them all, and the requests of
     * the page on screen waited forever (seen after the stale-warning test, which pauses processing).
     */
    @Test
    void pagesLeftForOthersHoldNoConnectionWhileNoFigureChanges() throws Exception {
        pauseUpdatesOrSkip();
        try {
            for (int page = 0; page < PAGES_OVER_CONNECTION_LIMIT; page++) {
                open("?visit=" + page);
                waitUntil("the stream of page " + page + " is open", () -> "live".equals(attribute("conn-status", "data-state")));
            }
            String id = app.knownOrderId();
            lookUp(id);
            waitUntil("the order is shown", () -> "found".equals(attribute("order-result", "data-state"))
                    && id.equals(attribute("order-result", "data-correlation-id")));
        } finally {
            app.resumeUpdates();
        }
    }

    @Test
    void aPageRestoredFromTheBackForwardCacheStreamsAgain() {
        open("");
        waitUntil("the stream is live", () -> "live".equals(attribute("conn-status", "data-state")));
        js("window.__o2cMarker = 'before leaving';");
        open("?elsewhere=1");
        driver.navigate().back();
        assumeTrue("before leaving".equals(js("return window.__o2cMarker")),
                "the browser did not keep the page in its back/forward cache");
        waitUntil("live again after the restore", () -> "live".equals(attribute("conn-status", "data-state"))
                && "loaded".equals(bodyAttribute("data-snapshot")));
        long events = Long.parseLong(bodyAttribute("data-kpi-events"));
        app.produceUpdate();
        waitUntil("updates flow again", () -> Long.parseLong(bodyAttribute("data-kpi-events")) > events);
    }

    @Test
    void wallScreenLayout() throws Exception {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
        try {
            open("?tv=1");
            assertThat(js("return document.body.classList.contains('tv')")).isEqualTo(true);
            assertThat(driver.findElement(By.id("lookup")).isDisplayed()).isFalse();
            Number big = (Number) js("return parseFloat(getComputedStyle(document.getElementById('line-fill-today')).fontSize)");
            assertThat(big.doubleValue()).as("wall-screen figure size in px").isGreaterThanOrEqualTo(48);
            waitUntil("the charts are drawn", () -> attribute("chart-fill", "data-day-ticks") != null);
            screenshot("tv");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
        }
    }

    @Test
    void wallScreenFitsTheCommonScreensWithoutScrollingCuttingOrWrapping() {
        for (int[] screen : new int[][] {{1920, 1080}, {1600, 1000}}) {
            // The screen's own size as the viewport: a window of that size loses some of it to the browser's frame.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", screen[0], "height", screen[1], "deviceScaleFactor", 1, "mobile", false));
            try {
                open("?tv=1");
                waitUntil("the charts are drawn", () -> attribute("chart-fill", "data-day-ticks") != null);

                @SuppressWarnings("unchecked")
                Map<String, Object> fit = (Map<String, Object>) js("""
                        const d = document.documentElement;
                        const cut = [...document.querySelectorAll('table.breakdown, table.mini')].filter((t) => t.offsetParent)
                          .flatMap((t) => [...t.querySelectorAll('th, td')])
                          .filter((c) => c.offsetParent && c.scrollWidth > c.clientWidth + 1).map((c) => c.id || c.textContent.trim());
                        const wrapped = [...document.querySelectorAll('.mini td, .mini th')].filter((c) => c.offsetParent
                          && c.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(c).fontSize) * 1.35).map((c) => c.id || c.textContent.trim());
                        const clipped = [...document.querySelectorAll('table.breakdown, table.mini')].filter((t) => t.offsetParent
                          && t.getBoundingClientRect().right > t.parentElement.getBoundingClientRect().right + 1).map((t) => t.id || t.className);
                        return { width: innerWidth, height: innerHeight, scrollWidth: d.scrollWidth, scrollHeight: d.scrollHeight,
                          cut, wrapped, clipped };""");

                screenshot("tv-" + screen[0] + "x" + screen[1]);
                String where = screen[0] + "x" + screen[1] + " " + fit;
                assertThat(((Number) fit.get("scrollHeight")).intValue()).as(where).isLessThanOrEqualTo(((Number) fit.get("height")).intValue());
                assertThat(((Number) fit.get("scrollWidth")).intValue()).as(where).isLessThanOrEqualTo(((Number) fit.get("width")).intValue());
                assertThat((List<?>) fit.get("cut")).as(where).isEmpty();
                assertThat((List<?>) fit.get("wrapped")).as(where).isEmpty();
                assertThat((List<?>) fit.get("clipped")).as(where).isEmpty();
            } finally {
                driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        }
    }

    @Test
    void atPhoneWidthTheHeaderItemsNeitherOverlapNorOverflow() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            open("");

            @SuppressWarnings("unchecked")
            Map<String, Object> header = (Map<String, Object>) js("""
                    const boxes = ['.brand', '#as-of', '#conn-status', '#tv-toggle'].map((s) => document.querySelector(s).getBoundingClientRect());
                    const overlaps = boxes.some((a, i) => boxes.some((b, j) => i < j && a.left < b.right && b.left < a.right
                      && a.top < b.bottom && b.top < a.bottom));
                    const overflow = boxes.some((b) => b.right > innerWidth + 1 || b.left < -1);
                    const squeezed = boxes.some((b) => b.width < 40);
                    return { overlaps, overflow, squeezed, scrollWidth: document.documentElement.scrollWidth, width: innerWidth };""");

            assertThat(header).as("header at 390 px").containsEntry("overlaps", false).containsEntry("overflow", false)
                    .containsEntry("squeezed", false);
            screenshot("phone");
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // The figures, as the page shows them and as the API gives them

    /** data-value of the compared tiles; numbers are compared with a tolerance, money exactly. */
    private Map<String, Object> pageFigures() {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("today", attribute("as-of", "data-today"));
        for (String id : List.of("line-fill-today", "unit-fill-7d", "order-fill-7d", "not-invoiced-7d", "latency-p50-7d",
                "latency-p90-today", "latency-over-sla-7d", "backlog-open-orders", "recon-total")) {
            page.put(id, number(attribute(id, "data-value")));
        }
        String currency = attribute("backlog-value-main", "data-currency");
        String value = attribute("backlog-value-main", "data-value");
        page.put("backlog-value-main", currency == null || currency.isEmpty() ? null : currency + " " + new BigDecimal(value).toPlainString());
        return page;
    }

    /** The same figures computed here from the API, by the contract's rules (sums over days, rates from sums). */
    private Map<String, Object> apiFigures() throws IOException, InterruptedException {
        List<JsonNode> fill = values("fill-rate", "all");
        List<JsonNode> latency = values("invoice-latency", "all");
        List<JsonNode> backlog = values("backlog", "all");
        List<JsonNode> recon = values("reconciliation", null);
        String today = null;
        for (List<JsonNode> kpi : List.of(fill, latency, backlog)) {
            for (JsonNode v : kpi) {
                String day = v.path("day").asText();
                if (today == null || day.compareTo(today) > 0) {
                    today = day;
                }
            }
        }
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("today", today == null ? "" : today);
        String from = today == null ? null : LocalDate.parse(today).minusDays(6).toString();
        String to = today;
        Supplier<List<JsonNode>> none = List::of;
        List<JsonNode> fillToday = today == null ? none.get() : window(fill, today, today);
        List<JsonNode> fillWeek = today == null ? none.get() : window(fill, from, to);
        List<JsonNode> latToday = today == null ? none.get() : window(latency, today, today);
        List<JsonNode> latWeek = today == null ? none.get() : window(latency, from, to);
        api.put("line-fill-today", rate(sum(fillToday, "linesFilled"), sum(fillToday, "linesShipped")));
        api.put("unit-fill-7d", rate(sum(fillWeek, "unitsFilled"), sum(fillWeek, "unitsOrdered")));
        api.put("order-fill-7d", rate(sum(fillWeek, "ordersFilled"), sum(fillWeek, "ordersShipped")));
        api.put("not-invoiced-7d", today == null ? null : (double) sum(latWeek, "notInvoiced"));
        api.put("latency-p50-7d", percentile(latWeek, 50));
        api.put("latency-p90-today", percentile(latToday, 90));
        api.put("latency-over-sla-7d", rate(sum(latWeek, "overSla"), sum(latWeek, "invoiced")));
        api.put("backlog-open-orders", today == null ? null : (double) sum(backlog, "openOrders"));
        api.put("recon-total", (double) sum(recon, "count"));
        // The headline currency is the one with the most open orders.
        Map<String, long[]> orders = new TreeMap<>();
        Map<String, BigDecimal> value = new HashMap<>();
        for (JsonNode v : backlog) {
            String c = v.path("currency").asText();
            orders.computeIfAbsent(c, k -> new long[1])[0] += v.path("openOrders").asLong();
            value.merge(c, new BigDecimal(v.path("openValue").asText()), BigDecimal::add);
        }
        String main = orders.entrySet().stream().max((a, b) -> {
            int byOrders = Long.compare(a.getValue()[0], b.getValue()[0]);
            return byOrders != 0 ? byOrders : value.get(a.getKey()).compareTo(value.get(b.getKey()));
        }).map(Map.Entry::getKey).orElse(null);
        api.put("backlog-value-main", main == null || today == null ? null : main + " " + value.get(main).toPlainString());
        return api;
    }

    private static boolean sameFigures(Map<String, Object> page, Map<String, Object> api) {
        return normalized(page).equals(normalized(api));
    }

    /** Doubles rounded to 9 decimals so that the browser's and Java's divisions compare equal. */
    private static Map<String, Object> normalized(Map<String, Object> figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        figures.forEach((k, v) -> out.put(k, v instanceof Double d ? (Object) (Math.round(d * 1e9) / 1e9) : v));
        return out;
    }

    private List<JsonNode> values(String kpi, String scope) throws IOException, InterruptedException {
        JsonNode body = get("api/kpis/" + kpi + (scope == null ? "" : "?scope=" + scope)).body();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            JsonNode v = item.path("value");
            if (!v.isMissingNode() && !v.isNull() && (scope == null || scope.equals(v.path("scope").asText("all")))) {
                out.add(v);
            }
        }
        return out;
    }

    private static List<JsonNode> window(List<JsonNode> values, String from, String to) {
        return values.stream().filter(v -> {
            String day = v.path("day").asText();
            return day.compareTo(from) >= 0 && day.compareTo(to) <= 0;
        }).toList();
    }

    private static long sum(List<JsonNode> values, String field) {
        return values.stream().mapToLong(v -> v.path(field).asLong()).sum();
    }

    private static Double rate(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }

    private static Double percentile(List<JsonNode> values, int p) {
        TreeMap<Long, Long> histogram = new TreeMap<>();
        for (JsonNode v : values) {
            v.path("histogram").fields().forEachRemaining(e -> histogram.merge(Long.parseLong(e.getKey()), e.getValue().asLong(), Long::sum));
        }
        Long value = NearestRank.percentile(histogram, p);
        return value == null ? null : value.doubleValue();
    }

    private static Double number(String raw) {
        return raw == null || raw.isEmpty() ? null : Double.valueOf(raw);
    }

    /** Every headline figure's value and each tile's last-change time. */
    private Map<String, String> tileState() {
        @SuppressWarnings("unchecked")
        Map<String, String> state = (Map<String, String>) js("""
                const out = {};
                document.querySelectorAll('.tiles [id][data-value]').forEach(e => out[e.id] = e.dataset.value);
                document.querySelectorAll('.tiles .tile').forEach(t => out[t.id + '@'] = t.dataset.updatedAt || '');
                return out;""");
        return state;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Browser and HTTP plumbing

    private void open(String pathAndQuery) {
        driver.get(app.baseUri().resolve(pathAndQuery.isEmpty() ? "/" : "/" + pathAndQuery).toString());
        waitUntil("the first figures", () -> "loaded".equals(bodyAttribute("data-snapshot"))
                && !Objects.requireNonNullElse(attribute("as-of", "data-today"), "").isEmpty());
    }

    private record Response(int status, JsonNode body) {
    }

    private Response get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    private static List<String> jsonStrings(String json) {
        try {
            List<String> values = new ArrayList<>();
            JSON.readTree(json).forEach(value -> values.add(value.asText()));
            return values;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private String attribute(String id, String name) {
        return (String) js("const e = document.getElementById('" + id + "'); return e ? e.getAttribute('" + name + "') : null;");
    }

    /** Reads and clicks in one script: the tables are re-rendered as updates stream in. */
    private String attributeOf(String css, String name) {
        return (String) js("return document.querySelector(\"" + css + "\").getAttribute('" + name + "')");
    }

    /** Types the order id into the lookup and submits it. */
    private void lookUp(String correlationId) {
        WebElement input = driver.findElement(By.id("order-id"));
        input.clear();
        input.sendKeys(correlationId);
        driver.findElement(By.id("order-submit")).click();
    }

    private void pauseUpdatesOrSkip() {
        try {
            app.pauseUpdates();
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "the fixture cannot pause updates");
        }
    }

    private void click(String css) {
        js("document.querySelector(\"" + css + "\").click()");
    }

    /** The numeric data-value of one column, top to bottom, rows without a value left out. */
    private List<Double> columnValues(String table, String column) {
        @SuppressWarnings("unchecked")
        List<String> raw = (List<String>) js("return [...document.querySelectorAll('#" + table + " tbody [data-col=\""
                + column + "\"]')].map(c => c.dataset.value)");
        return raw.stream().filter(v -> v != null && !v.isEmpty()).map(Double::valueOf).toList();
    }

    private String bodyAttribute(String name) {
        return (String) js("return document.body.getAttribute('" + name + "')");
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    private void waitUntil(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, WAIT, Duration.ofMillis(200)).withMessage(what).until(d -> condition.get());
    }

    private void screenshot(String name) {
        Path file = Path.of("target", screenshotPrefix() + "-" + name + ".png");
        HeadlessChromium.screenshot(driver, file);
        System.out.println("screenshot: " + file.toAbsolutePath());
    }
}
