using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no front-end build, readable without JavaScript. Stacked bars
/// for counts and durations per run, a line for rates over months.
/// </summary>
public static class SvgChart
{
    private const double Width = 640, Height = 220, Left = 48, Right = 12, Top = 12, Bottom = 40;

    /// <summary>One bar per label, the series stacked on each other.</summary>
    public static IHtmlContent StackedBars(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = Math.Max(1, Enumerable.Range(0, labels.Count).Select(i => series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max());
        var svg = Begin(title, "bars");
        Axis(svg, max, v => Number(v));
        var slot = (Width - Left - Right) / Math.Max(1, labels.Count);
        var bar = Math.Max(2, slot * 0.7);
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + i * slot + (slot - bar) / 2;
            var y = Height - Bottom;
            foreach (var s in series)
            {
                var h = s.Values[i] / max * (Height - Top - Bottom);
                if (h <= 0)
                    continue;
                y -= h;
                svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\" fill=\"{s.Color}\"><title>{Encode(labels[i])} · {Encode(s.Name)}: {Number(s.Values[i])}</title></rect>"));
            }
        }

        Labels(svg, labels, slot);
        Legend(svg, series);
        return End(svg);
    }

    /// <summary>A line of shares (0–1) over the labels, gaps where a value is null, and a dashed target line.</summary>
    public static IHtmlContent Rates(string title, IReadOnlyList<string> labels, IReadOnlyList<double?> values, double target, string color)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        var svg = Begin(title, "line");
        Axis(svg, 1, v => Invariant($"{v * 100:0}%"));
        var slot = (Width - Left - Right) / Math.Max(1, labels.Count);
        double Y(double v) => Height - Bottom - v * (Height - Top - Bottom);
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(target):0.#}\" y2=\"{Y(target):0.#}\" class=\"target\"/>"));
        var path = new StringBuilder();
        for (var i = 0; i < labels.Count; i++)
        {
            if (values[i] is not { } v)
                continue;
            var (x, y) = (Left + i * slot + slot / 2, Y(v));
            path.Append(Invariant($"{(path.Length == 0 || values[i - 1] is null ? 'M' : 'L')}{x:0.#},{y:0.#} "));
            svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{color}\"><title>{Encode(labels[i])}: {v * 100:0.0}%</title></circle>"));
        }

        if (path.Length > 0)
            svg.Append(Invariant($"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>"));
        Labels(svg, labels, slot);
        return End(svg);
    }

    private static StringBuilder Begin(string title, string kind) =>
        new StringBuilder().Append(Invariant($"<svg class=\"chart {kind}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(title)}\"><title>{Encode(title)}</title>"));

    private static HtmlString End(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Axis(StringBuilder svg, double max, Func<double, string> format)
    {
        for (var step = 0; step <= 4; step++)
        {
            var value = max * step / 4;
            var y = Height - Bottom - step / 4.0 * (Height - Top - Bottom);
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"grid\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{format(value)}</text>"));
        }
    }

    private static void Labels(StringBuilder svg, IReadOnlyList<string> labels, double slot)
    {
        // At most about twelve labels fit under the axis; show every n-th.
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i += every)
            svg.Append(Invariant($"<text x=\"{Left + i * slot + slot / 2:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Encode(labels[i])}</text>"));
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var x = Left;
        foreach (var s in series)
        {
            svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{Height - 14}\" width=\"10\" height=\"10\" fill=\"{s.Color}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 14:0.#}\" y=\"{Height - 5}\">{Encode(s.Name)}</text>"));
            x += 24 + s.Name.Length * 9;
        }
    }

    private static string Number(double value) => value >= 10 || value == Math.Floor(value)
        ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
