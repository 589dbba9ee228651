using System.Globalization;
using Microsoft.Playwright;
using WideEvents.Analyze.Visuals.Report;
using WideEvents.Web;

namespace WideEvents.Visuals.Tests.Browser;

public sealed class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Lazy<List<Record>> Diamond = new(TestData.DiamondRecords);

    [ChromiumFact]
    public async Task The_report_page_loads_without_console_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wide-report-{Guid.NewGuid():N}.html");
        try
        {
            await using (var file = File.Create(path))
            {
                HtmlReport.Write(Diamond.Value, file);
            }
            var (page, errors) = await browser.OpenAsync();
            await page.GotoAsync(new Uri(path).AbsoluteUri);

            Assert.Equal("WideEvents report", await page.TitleAsync());
            Assert.True(await page.Locator("svg.chart").CountAsync() >= 3);
            await page.Locator("details.flow summary").First.ClickAsync();
            Assert.True(await page.Locator("details.flow[open] tr").CountAsync() > 5);
            Assert.Empty(errors);
            await page.CloseAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ChromiumFact]
    public async Task The_ui_loads_with_charts_trees_and_records_without_console_errors()
    {
        await using var server = await WebUiServer.StartAsync(Diamond.Value);
        var (page, errors) = await browser.OpenAsync();
        await page.GotoAsync(server.Address.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");

        Assert.Equal("3494", await page.InnerTextAsync("#count-records"));
        Assert.True(await page.Locator("#charts svg.chart").CountAsync() >= 2);
        Assert.Equal(2, await page.Locator(".tree").CountAsync());
        Assert.Equal(100, await page.Locator("#records tbody tr").CountAsync());
        Assert.Equal(17, await page.Locator("#entities tbody tr[data-id]").CountAsync());
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task Clicking_a_task_shows_its_flow()
    {
        await using var server = await WebUiServer.StartAsync(Diamond.Value);
        var (page, errors) = await browser.OpenAsync();
        await page.GotoAsync(server.Address.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");

        var first = page.Locator("#entities tbody tr[data-id]").First;
        var label = (await first.Locator("td").Nth(1).InnerTextAsync()).Trim();
        await first.Locator("td").Nth(1).ClickAsync();
        await page.WaitForSelectorAsync("#flow-section:not([hidden])");

        Assert.Contains(label, await page.InnerTextAsync("#flow-title"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#flow tbody tr").CountAsync() > 10);
        Assert.Contains("changing state", await page.InnerTextAsync("#flow"), StringComparison.Ordinal);
        // The lifeline: one dot per timed record of the flow (records without a time have no offset).
        var timed = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#flow tbody tr')].filter(r => r.cells[0].textContent !== '').length");
        Assert.True(timed > 10);
        Assert.Equal(timed, await page.Locator("#lifeline circle").CountAsync());

        // Narrowing down in the task tree: the task's node filters the records and shows the same kind of flow.
        await page.Locator(".tree[data-tree=tasks] .node", new() { HasTextString = "parsl_task_id=16" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#flow-title').textContent.includes('parsl_task_id=16')");
        await page.WaitForFunctionAsync("() => document.querySelector('#records-count').textContent !== '3494 matching'");
        Assert.Contains("parsl_task_id=16", await page.InnerTextAsync("#filters"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task What_is_different_ranks_fields_for_the_slowest_entities()
    {
        await using var server = await WebUiServer.StartAsync(Diamond.Value);
        var (page, errors) = await browser.OpenAsync();
        await page.GotoAsync(server.Address.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");

        await page.ClickAsync("#diff-slowest");
        await page.WaitForSelectorAsync("#diff-results .diff-field");

        Assert.Contains("slowest 5%", await page.InnerTextAsync("#diff-title"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#diff-results .diff-field").CountAsync() > 3);
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task The_live_view_changes_as_records_arrive_from_the_tail_service()
    {
        await using var tail = await FakeTail.StartAsync();
        await using var server = await WebUiServer.StartAsync([], new WebUiOptions { TailAddress = tail.Address, TailRetryDelay = TimeSpan.FromMilliseconds(200) });
        var (page, errors) = await browser.OpenAsync();
        await page.GotoAsync(server.Address.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent === 'live: live'");
        Assert.Equal("0", await page.InnerTextAsync("#count-records"));
        Assert.Equal(0, await page.Locator("#charts svg").CountAsync());

        var t0 = DateTimeOffset.UtcNow.AddSeconds(-10);
        string At(double s) => t0.AddSeconds(s).ToString("O", CultureInfo.InvariantCulture);
        tail.Send($$"""{"@t":"{{At(0)}}","@mt":"Task 7 initializing state to pending","parsl_task_id":7}""");
        tail.Send($$"""{"@t":"{{At(1)}}","@mt":"Task 7 changing state from pending to launched","parsl_task_id":7}""");
        tail.Send($$"""{"@t":"{{At(1.5)}}","@mt":"queue","metric":"queue_length","value":3}""");
        await page.WaitForFunctionAsync("() => document.querySelector('#count-records').textContent === '3'");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#charts svg').length === 2");
        Assert.Equal(3, await page.Locator("#live-feed tbody tr").CountAsync());

        tail.Send($$"""{"@t":"{{At(2)}}","@mt":"Task 7 changing state from launched to running","parsl_task_id":7}""");
        tail.Send($$"""{"@t":"{{At(3)}}","@mt":"queue","metric":"queue_length","value":1}""");
        await page.WaitForFunctionAsync("() => document.querySelector('#count-records').textContent === '5'");
        await page.WaitForFunctionAsync("() => document.querySelector('#charts').innerHTML.includes('data-series=\"running\"')");
        Assert.Equal("1", await page.InnerTextAsync("#count-entities"));
        Assert.Empty(errors);
    }
}
