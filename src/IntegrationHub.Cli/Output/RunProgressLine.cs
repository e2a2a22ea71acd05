using System.Globalization;
using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Output;

/// <summary>
/// One line, redrawn in place, while a run goes on: a moving bar (the source's size is not known in advance), records
/// pulled, batches stored, the rate and the elapsed time.
/// </summary>
internal sealed class RunProgressLine(TextWriter writer)
{
    private const int BarWidth = 20;
    private const int BlockWidth = 5;

    private int _frame;
    private int _lastWidth;

    public async Task DrawAsync(RunView? run, TimeSpan elapsed)
    {
        var pulled = run?.Pulled ?? 0;
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var text = run is null
            ? $"{Bar()} waiting for a worker to start the run…  {Format.Duration(elapsed)}"
            : $"{Bar()} pulled {Format.Count(pulled)} · batches {Format.Count(run.BatchesStored)} · " +
              $"{(pulled / seconds).ToString("N0", CultureInfo.InvariantCulture)} rec/s · {Format.Duration(elapsed)}";
        var padding = new string(' ', Math.Max(0, _lastWidth - DisplayWidth.Of(text)));
        _lastWidth = DisplayWidth.Of(text);
        await writer.WriteAsync("\r" + text + padding).ConfigureAwait(false);
        await writer.FlushAsync().ConfigureAwait(false);
    }

    public async Task ClearAsync()
    {
        if (_lastWidth == 0)
            return;
        await writer.WriteAsync("\r" + new string(' ', _lastWidth) + "\r").ConfigureAwait(false);
        _lastWidth = 0;
    }

    private string Bar()
    {
        // A block bouncing between the ends of the bar.
        var span = BarWidth - BlockWidth;
        var step = _frame++ % (2 * span);
        var start = step <= span ? step : 2 * span - step;
        return "[" + new string(' ', start) + new string('=', BlockWidth) + new string(' ', span - start) + "]";
    }
}
