using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WideEvents.Web;

namespace WideEvents.Visuals.Tests.Browser;

/// <summary>
/// The UI over a TaskFarm-shaped run of 3,000 and of 60,000 tasks (three of them failed), driven in
/// Chromium: what a person would read off the screenshot (saved under <c>screenshots/</c> next to
/// the test binaries) is checked here.
/// </summary>
public sealed partial class ScaleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [ChromiumFact]
    public Task The_ui_holds_up_at_3000_tasks() => Check(3000);

    [ChromiumFact]
    public Task The_ui_holds_up_at_60000_tasks() => Check(60000);

    private async Task Check(int tasks)
    {
        int[] failed = [17, tasks / 2, tasks - 5];
        await using var server = await WebUiServer.StartAsync(TestData.FarmRun(tasks, failed));
        var (page, errors) = await browser.OpenAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        page.SetDefaultTimeout(120000);
        await page.GotoAsync(server.Address.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        var n = tasks.ToString(CultureInfo.InvariantCulture);

        // Grouped: every task counted once, in the group of how it ended.
        Assert.Equal(n, await page.InnerTextAsync("#count-entities"));
        Assert.Equal(n, await page.InnerTextAsync("#entity-groups .group[data-group=''] b"));
        Assert.Equal((tasks - 3).ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#entity-groups .group[data-group='exec_done'] b"));
        Assert.Equal("3", await page.InnerTextAsync("#entity-groups .group[data-group='failed'] b"));

        // Virtualised: a screenful of rows in the page, the rest stand-in space of the right height.
        var rows = await page.Locator("#entities tbody tr[data-id]").CountAsync();
        Assert.InRange(rows, 10, 60);
        var height = await page.EvaluateAsync<double>("() => document.querySelector('#entities tbody').getBoundingClientRect().height");
        Assert.InRange(height, tasks * 24 * 0.95, tasks * 24 * 1.2);
        await page.EvaluateAsync("() => { const b = document.querySelector('#entities-scroll'); b.scrollTop = b.scrollHeight; }");
        var last = (tasks - 1).ToString(CultureInfo.InvariantCulture);
        await page.WaitForSelectorAsync($"#entities tbody tr[data-id][data-index='{last}']");
        Assert.InRange(await page.Locator("#entities tbody tr[data-id]").CountAsync(), 10, 60);

        // The sidebar lists the first 50 tasks and says how many more there are, instead of all of them.
        var taskNodes = await page.Locator(".tree[data-tree=tasks] > ul > li > ul > li:not(.more)").CountAsync();
        Assert.Equal(50, taskNodes);
        Assert.Contains($"… {tasks - 50} more", await page.InnerTextAsync(".tree[data-tree=tasks] li.more"), StringComparison.Ordinal);

        // Searchable: one task out of all of them.
        var wanted = $"task_id={tasks - 5}";
        await page.FillAsync("#entity-search", wanted);
        await page.WaitForFunctionAsync("() => document.querySelector('#entities-count').textContent.startsWith('1 of ')");
        Assert.Equal(wanted, (await page.Locator("#entities tbody tr[data-id] td").Nth(1).InnerTextAsync()).Trim());
        await page.FillAsync("#entity-search", "");
        await page.WaitForFunctionAsync($"() => document.querySelector('#entities-count').textContent.startsWith('{n} of ')");

        // The failed group, then one failed task's flow: its lifeline rows are processes, not store files.
        await page.ClickAsync("#entity-groups .group[data-group='failed']");
        await page.WaitForFunctionAsync("() => document.querySelector('#entities-count').textContent.startsWith('3 of ')");
        Assert.Equal(["failed", "failed", "failed"], (await page.Locator("#entities tbody tr[data-id] td:nth-child(5)").AllInnerTextsAsync()).Select(t => t.Trim()));
        await page.Locator("#entities tbody tr[data-id] td").Nth(1).ClickAsync();
        await page.WaitForSelectorAsync("#lifeline svg");
        var lanes = (await page.Locator("#lifeline g.lane text").AllTextContentsAsync()).ToList();
        Assert.Equal(3, lanes.Count);
        Assert.Equal("submitter TaskFarm (pid 4100 on login-1)", lanes[0]);
        Assert.Equal("interchange TaskFarm.Interchange (pid 4200 on login-1)", lanes[1]);
        Assert.Matches(@"^pool TaskFarm\.Pool \(pid 500\d on node-\d\)$", lanes[2]);
        Assert.DoesNotContain(lanes, l => Uuid().IsMatch(l) || l.Contains("store", StringComparison.Ordinal));

        // What is different about the failed: a legend, scores weighed for 3 tasks, exit code first.
        await page.ClickAsync("#diff-failed");
        await page.WaitForSelectorAsync("#diff-results .diff-field");
        Assert.Contains("score", await page.InnerTextAsync("#diff-legend"), StringComparison.Ordinal);
        Assert.Equal("exit_code", await page.Locator("#diff-results .diff-field").First.GetAttributeAsync("data-field"));
        var scores = (await page.Locator("#diff-results .score").AllInnerTextsAsync())
            .Select(t => double.Parse(Regex.Match(t, @"score ([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0, 3.0 / 8 + 0.001));
        Assert.Contains("1: 3 of 3 selected, 0 of " + (tasks - 3).ToString(CultureInfo.InvariantCulture) + " others", await page.InnerTextAsync("#diff-results .diff-field[data-field=exit_code]"), StringComparison.Ordinal);

        var shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"ui-{tasks}-tasks.png"), FullPage = true });
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
