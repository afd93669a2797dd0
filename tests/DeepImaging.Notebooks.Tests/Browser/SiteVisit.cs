using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DeepImaging.Notebooks.Tests.Course;
using Microsoft.Playwright;

namespace DeepImaging.Notebooks.Tests.Browser;

/// <summary>
/// One visit of the published course in headless Chromium (Debian's, driven by Playwright; no browser is downloaded)
/// with the network cut: every request that is not a file of the site is aborted and recorded. Each page is measured
/// (charts, tensor grids, images, diagrams, image-grid rows), every convolution trace gets a click on "next", and
/// screenshots go to artifacts/screenshots. Page 02 is visited again with JavaScript off, and page 04 in a narrow window.
/// </summary>
internal sealed class SiteVisit
{
    private static readonly ConditionalWeakTable<CourseRun, Task<SiteVisit>> visits = new();
    private static readonly Lock gate = new();
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly ConcurrentQueue<string> requestsThatLeft = new();
    private readonly ConcurrentQueue<string> consoleErrors = new();

    /// <summary>The site that was visited.</summary>
    public required string Site { get; init; }

    /// <summary>Where the screenshots are.</summary>
    public static string ScreenshotFolder => Repository.PathOf("artifacts", "screenshots");

    /// <summary>Every page in course order (index first), measured after its charts were drawn.</summary>
    public List<PageReport> Pages { get; } = [];

    /// <summary>Each convolution trace's shown step before and after a click on "next".</summary>
    public List<TraceClick> TraceClicks { get; } = [];

    /// <summary>Page 02 measured with JavaScript off.</summary>
    public PageReport? WithoutJavaScript { get; private set; }

    /// <summary>Page 04 measured in a 480-pixel-wide window.</summary>
    public PageReport? Narrow { get; private set; }

    /// <summary>Every request for something that is not a file of the site (all were aborted).</summary>
    public IReadOnlyCollection<string> RequestsThatLeft => requestsThatLeft;

    /// <summary>Console errors and uncaught exceptions, as "page: message".</summary>
    public IReadOnlyCollection<string> ConsoleErrors => consoleErrors;

    /// <summary>The visit of <paramref name="run"/>'s site, made once.</summary>
    public static Task<SiteVisit> Of(CourseRun run)
    {
        lock (gate)
        {
            if (!visits.TryGetValue(run, out var visit))
            {
                visit = VisitAsync(CourseSite.Of(run));
                visits.Add(run, visit);
            }
            return visit;
        }
    }

    private static async Task<SiteVisit> VisitAsync(string site)
    {
        if (ChromiumFactAttribute.MissingReason is { } missing)
            throw new InvalidOperationException(missing + " CI must install it (.ci/run: apt-get install -y chromium).");
        var visit = new SiteVisit { Site = site };
        if (Directory.Exists(ScreenshotFolder))
            Directory.Delete(ScreenshotFolder, recursive: true);
        Directory.CreateDirectory(ScreenshotFolder);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumArgs,
        });

        var pages = new[] { "index" }.Concat(CourseNotebooks.Names).ToList();
        var context = await visit.NewContextAsync(browser, width: 1200, javaScript: true);
        foreach (var name in pages)
        {
            var page = await visit.OpenAsync(context, name);
            visit.Pages.Add(await MeasureAsync(page, name));
            await page.ScreenshotAsync(new() { Path = Shot(name), FullPage = true });
            await ShootElementsAsync(page, ".di-chart", name + "-chart");
            await ShootElementsAsync(page, ".di:has(.di-maps)", name + "-figure");
            await visit.ClickEveryTraceAsync(page, name);
            await page.CloseAsync();
        }

        var noScript = await visit.NewContextAsync(browser, width: 1200, javaScript: false);
        var staticPage = await visit.OpenAsync(noScript, "02-disease-screening", scripts: false);
        visit.WithoutJavaScript = await MeasureAsync(staticPage, "02-disease-screening");
        await staticPage.ScreenshotAsync(new() { Path = Shot("02-disease-screening-no-javascript"), FullPage = true });
        await ShootElementsAsync(staticPage, ".di-chart", "02-disease-screening-no-javascript-chart");

        var narrow = await visit.NewContextAsync(browser, width: 480, javaScript: true);
        var narrowPage = await visit.OpenAsync(narrow, "04-convolution");
        visit.Narrow = await MeasureAsync(narrowPage, "04-convolution");
        await narrowPage.ScreenshotAsync(new() { Path = Shot("04-convolution-narrow"), FullPage = true });
        return visit;
    }

    private async Task<IBrowserContext> NewContextAsync(IBrowser browser, int width, bool javaScript)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, JavaScriptEnabled = javaScript });
        // The network is cut: only the site's own files load; anything else is recorded and aborted.
        await context.RouteAsync("**/*", async route =>
        {
            if (IsLocal(route.Request.Url))
                await route.ContinueAsync();
            else
            {
                requestsThatLeft.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
        });
        context.Request += (_, request) =>
        {
            if (!IsLocal(request.Url) && !requestsThatLeft.Contains(request.Url))
                requestsThatLeft.Enqueue(request.Url);
        };
        return context;
    }

    private static bool IsLocal(string url) => url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal);

    private async Task<IPage> OpenAsync(IBrowserContext context, string name, bool scripts = true)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                consoleErrors.Enqueue($"{name}: {message.Text}");
        };
        page.PageError += (_, error) => consoleErrors.Enqueue($"{name}: uncaught {error}");
        await page.GotoAsync(new Uri(Path.Combine(Site, name + ".html")).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        if (scripts)
        {
            try
            {
                // Plotly draws asynchronously: wait until every chart reports it has drawn.
                await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.di-chart')].every(c => c.closest('.di').getAttribute('data-drawn') === 'drawn')",
                    null, new() { Timeout = 60_000 });
            }
            catch (TimeoutException)
            {
                consoleErrors.Enqueue($"{name}: not every chart was drawn within 60 s");
            }
        }
        return page;
    }

    private const string MeasureScript = """
        () => {
          const size = e => { if (!e) return [0, 0]; const r = e.getBoundingClientRect(); return [r.width, r.height]; };
          const main = document.querySelector('main') || document.body;
          const right = main.getBoundingClientRect().right;
          return JSON.stringify({
            charts: [...document.querySelectorAll('.di-chart')].map(c => ({
              drawn: c.closest('.di').getAttribute('data-drawn') || '',
              plot: size(c.querySelector('.di-chart-plot .main-svg')),
              mainSvgs: c.querySelectorAll('.di-chart-plot .main-svg').length,
              staticVisible: getComputedStyle(c.querySelector('.di-chart-static')).display !== 'none',
              staticSvg: size(c.querySelector('.di-chart-static svg')) })),
            grids: [...document.querySelectorAll('.di table.di-grid')].filter(t => t.offsetParent !== null).map(size),
            images: [...document.querySelectorAll('.di img')].map(i => ({ loaded: i.complete && i.naturalWidth > 0, size: size(i), alt: i.alt })),
            diagrams: [...document.querySelectorAll('.di svg')].filter(s => !s.closest('.di-chart')).map(size),
            traces: document.querySelectorAll('.di-controls').length,
            imageRows: document.querySelectorAll('.di .di-maps').length,
            overflowingRows: [...document.querySelectorAll('.di .di-maps')]
              .filter(m => m.scrollWidth > m.clientWidth + 1 || m.getBoundingClientRect().right > right + 1).length
          });
        }
        """;

    private static async Task<PageReport> MeasureAsync(IPage page, string name) =>
        JsonSerializer.Deserialize<PageReport>(await page.EvaluateAsync<string>(MeasureScript), Json)! with { Name = name };

    private async Task ClickEveryTraceAsync(IPage page, string name)
    {
        const string shown = """
            (i) => {
              const root = document.querySelectorAll('.di-controls')[i].closest('.di');
              const frames = [...root.querySelectorAll('.di-frame')].filter(f => f.style.display !== 'none');
              return JSON.stringify([frames.map(f => f.dataset.step).join(','), root.querySelector('.di-position').textContent]);
            }
            """;
        var controls = page.Locator(".di-controls");
        for (int i = 0; i < await controls.CountAsync(); i++)
        {
            var before = JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>(shown, i))!;
            await controls.Nth(i).Locator(".di-next").ClickAsync();
            var after = JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>(shown, i))!;
            TraceClicks.Add(new TraceClick(name, before[0], after[0], before[1], after[1]));
            await page.Locator(".di:has(.di-controls)").Nth(i).ScreenshotAsync(new() { Path = Shot($"{name}-trace-{i + 1}-after-next") });
        }
    }

    private static async Task ShootElementsAsync(IPage page, string selector, string prefix)
    {
        var elements = page.Locator(selector);
        for (int i = 0; i < await elements.CountAsync(); i++)
            await elements.Nth(i).ScreenshotAsync(new() { Path = Shot($"{prefix}-{i + 1}") });
    }

    private static string Shot(string name) => Path.Combine(ScreenshotFolder, name + ".png");
}

/// <summary>What one page showed: every chart, visible tensor grid, image and diagram, and the image-grid rows.</summary>
internal sealed record PageReport(ChartReport[] Charts, double[][] Grids, ImageReport[] Images, double[][] Diagrams, int Traces, int ImageRows, int OverflowingRows)
{
    public string Name { get; init; } = "";
}

/// <summary>One chart: whether Plotly drew it, its plot surface's size, and whether its static drawing is still shown.</summary>
internal sealed record ChartReport(string Drawn, double[] Plot, int MainSvgs, bool StaticVisible, double[] StaticSvg);

/// <summary>One image: loaded (decoded) or not, its size on the page, its alt text.</summary>
internal sealed record ImageReport(bool Loaded, double[] Size, string Alt);

/// <summary>A convolution trace's visible frame and position text before and after a click on "next".</summary>
internal sealed record TraceClick(string Page, string Before, string After, string PositionBefore, string PositionAfter);
