package org.yiwang.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * One headless Debian chromium for the whole test run, driven by Playwright for Java. Playwright never
 * downloads a browser: the executable is Debian's ({@code apt-get install -y chromium}), overridable with
 * {@code YIWANG_CHROMIUM}. Each test gets a fresh browser context (own cookies) with a phone-sized viewport.
 */
public final class BrowserSupport {

    private static Playwright playwright;
    private static Browser browser;

    private BrowserSupport() {
    }

    public static synchronized Browser browser() {
        if (browser == null) {
            Path exe = Path.of(System.getenv().getOrDefault("YIWANG_CHROMIUM", "/usr/bin/chromium"));
            if (!Files.isExecutable(exe)) {
                throw new IllegalStateException("Debian chromium not found at " + exe + " (apt-get install -y chromium)");
            }
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(exe)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-component-update", "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    /** A new context the size of a phone (390×844), Chinese locale. */
    public static BrowserContext phone() {
        return browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("zh-CN")
                .setIsMobile(true).setHasTouch(true));
    }
}
