package com.o2cpulse.dashboard;

import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Development aid: screenshots a running dashboard (e.g. {@code o2c-pulse run}'s).
 * Arguments: url, output png, width, height, [milliseconds to wait after the first figures], [full: fit page height],
 * [JavaScript to run before the screenshot].
 */
public final class DashboardScreenshots {

    private DashboardScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path out = Path.of(args[1]);
        int width = Integer.parseInt(args[2]);
        int height = Integer.parseInt(args[3]);
        long wait = args.length > 4 ? Long.parseLong(args[4]) : 3000;
        boolean full = args.length > 5 && args[5].equals("full");
        ChromeDriver driver = HeadlessChromium.start(width, height);
        try {
            driver.get(url);
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline
                    && !"loaded".equals(driver.executeScript("return document.body.dataset.snapshot"))) {
                Thread.sleep(100);
            }
            if (args.length > 6) {
                driver.executeScript(args[6]);
            }
            Thread.sleep(wait);
            System.out.println("page height: " + driver.executeScript("return document.documentElement.scrollHeight")
                    + ", viewport: " + driver.executeScript("return window.innerWidth + 'x' + window.innerHeight"));
            if (full) {
                HeadlessChromium.fitHeight(driver, width);
                Thread.sleep(500);
            }
            HeadlessChromium.screenshot(driver, out);
            for (Object entry : driver.manage().logs().get("browser").getAll()) {
                System.out.println("console: " + entry);
            }
        } finally {
            driver.quit();
        }
    }
}
