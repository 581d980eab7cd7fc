package com.o2cpulse.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver ({@code apt-get install chromium chromium-driver}) driven by Selenium, headless.
 * Both paths are given explicitly so that Selenium Manager never tries to download a browser or driver.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of(System.getProperty("o2c.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("o2c.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--lang=en-US", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(System.getProperty("java.io.tmpdir"), "o2c-chromedriver.log"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /** Saves a PNG of the viewport. */
    public static Path screenshot(ChromeDriver driver, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window to the page's full height, so one screenshot shows everything. */
    public static void fitHeight(ChromeDriver driver, int width) {
        Number h = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Number chrome = (Number) driver.executeScript("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, h.intValue() + chrome.intValue()));
    }
}
