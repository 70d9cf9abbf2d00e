using System.Globalization;
using System.Net;
using System.Text;

namespace GovChannel.Web.Areas.OpenData.Pages.Resources;

/// <summary>
/// Server-rendered SVG for the resource preview: a bar or line chart and a point map. Plain markup, so it works without
/// JavaScript, prints, and needs no tile server (the site may run with no network). Each image has a title and a
/// description for screen readers; the page shows the same numbers in a table beside it.
/// </summary>
public static class PreviewSvg
{
    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A "nice" step for about <paramref name="ticks"/> axis divisions (1, 2 or 5 times a power of ten).</summary>
    public static double NiceStep(double range, int ticks)
    {
        if (range <= 0 || double.IsNaN(range) || double.IsInfinity(range))
        {
            return 1;
        }
        var raw = range / ticks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    public static string Label(double v) =>
        Math.Abs(v) >= 1e6 ? (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M"
        : Math.Abs(v) >= 1e4 ? (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A bar or line chart of <paramref name="points"/> in their order (labels on x, values on y).</summary>
    public static string Chart(IReadOnlyList<(string Label, double Value)> points, bool line, string title, string description, string id)
    {
        const double width = 720, height = 380, left = 64, right = 16, top = 16, bottom = 96;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var min = Math.Min(0, points.Count == 0 ? 0 : points.Min(p => p.Value));
        var max = Math.Max(0, points.Count == 0 ? 1 : points.Max(p => p.Value));
        var step = NiceStep(max - min, 5);
        min = Math.Floor(min / step) * step;
        max = Math.Ceiling(max / step) * step;
        if (max <= min)
        {
            max = min + step;
        }
        double Y(double v) => top + plotH - ((v - min) / (max - min) * plotH);
        var slot = points.Count == 0 ? plotW : plotW / points.Count;
        double X(int i) => left + (slot * i) + (slot / 2);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        svg.Append("<g class=\"axis\" font-size=\"12\" fill=\"#474747\">");
        for (var v = min; v <= max + (step / 2); v += step)
        {
            var y = Y(v);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(left)}\" x2=\"{N(width - right)}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#c9ced6\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{E(Label(v))}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(left)}\" x2=\"{N(width - right)}\" y1=\"{N(Y(0))}\" y2=\"{N(Y(0))}\" stroke=\"#1b1b1b\" stroke-width=\"1\"/>");
        // Label every bar when they fit; otherwise every k-th, so the text never overlaps.
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / (plotW / 16)));
        for (var i = 0; i < points.Count; i += every)
        {
            var text = points[i].Label.Length > 14 ? points[i].Label[..13] + "…" : points[i].Label;
            svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate({N(X(i) + 4)},{N(top + plotH + 8)}) rotate(-60)\" text-anchor=\"end\">{E(text)}</text>");
        }
        svg.Append("</g>");
        if (line)
        {
            var path = string.Join(" ", points.Select((p, i) => (i == 0 ? "M" : "L") + N(X(i)) + " " + N(Y(p.Value))));
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"#0b3a75\" stroke-width=\"2.5\"/>");
            for (var i = 0; i < points.Count; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(points[i].Value))}\" r=\"3.5\" fill=\"#0b3a75\"><title>{E(points[i].Label)}: {E(Label(points[i].Value))}</title></circle>");
            }
        }
        else
        {
            var barW = Math.Max(1, slot * 0.75);
            for (var i = 0; i < points.Count; i++)
            {
                var y0 = Y(0);
                var y1 = Y(points[i].Value);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" x=\"{N(X(i) - (barW / 2))}\" y=\"{N(Math.Min(y0, y1))}\" width=\"{N(barW)}\" height=\"{N(Math.Max(0.5, Math.Abs(y0 - y1)))}\" fill=\"#0b3a75\"><title>{E(points[i].Label)}: {E(Label(points[i].Value))}</title></rect>");
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The bounding box of the points, padded so that a single point or a straight line still has an area.</summary>
    public static (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds(IReadOnlyList<(double Lon, double Lat)> points)
    {
        var minLon = points.Min(p => p.Lon);
        var maxLon = points.Max(p => p.Lon);
        var minLat = points.Min(p => p.Lat);
        var maxLat = points.Max(p => p.Lat);
        var pad = Math.Max(0.01, Math.Max(maxLon - minLon, maxLat - minLat) * 0.03);
        return (minLon - pad, minLat - pad, maxLon + pad, maxLat + pad);
    }

    /// <summary>
    /// Points in an equirectangular projection scaled by cos(latitude), which is close enough at Thailand's latitudes;
    /// one path of zero-length round-capped segments keeps 7,000 points to about 100 KB. A grid every 1, 2 or 5 degrees
    /// with labelled lines gives orientation without a base map.
    /// </summary>
    public static string Map(IReadOnlyList<(double Lon, double Lat)> points, string title, string description, string id)
    {
        var (minLon, minLat, maxLon, maxLat) = Bounds(points);
        var kx = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var spanX = (maxLon - minLon) * kx;
        var spanY = maxLat - minLat;
        const double maxW = 640, maxH = 640, margin = 28;
        var scale = Math.Min(maxW / spanX, maxH / spanY);
        var w = (spanX * scale) + (2 * margin);
        var h = (spanY * scale) + (2 * margin);
        double X(double lon) => margin + ((lon - minLon) * kx * scale);
        double Y(double lat) => margin + ((maxLat - lat) * scale);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"map\" viewBox=\"0 0 {N(w)} {N(h)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"#f2f5f9\"/>");
        var step = NiceStep(Math.Max(maxLon - minLon, maxLat - minLat), 6);
        svg.Append("<g stroke=\"#c9ced6\" stroke-width=\"1\">");
        for (var lon = Math.Ceiling(minLon / step) * step; lon <= maxLon; lon += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(X(lon))}\" x2=\"{N(X(lon))}\" y1=\"{N(margin)}\" y2=\"{N(h - margin)}\"/>");
        }
        for (var lat = Math.Ceiling(minLat / step) * step; lat <= maxLat; lat += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(margin)}\" x2=\"{N(w - margin)}\" y1=\"{N(Y(lat))}\" y2=\"{N(Y(lat))}\"/>");
        }
        svg.Append("</g><g font-size=\"11\" fill=\"#474747\">");
        for (var lon = Math.Ceiling(minLon / step) * step; lon <= maxLon; lon += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(lon))}\" y=\"{N(h - 10)}\" text-anchor=\"middle\">{E(Label(lon))}°E</text>");
        }
        for (var lat = Math.Ceiling(minLat / step) * step; lat <= maxLat; lat += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{N(Y(lat) - 3)}\">{E(Label(lat))}°N</text>");
        }
        svg.Append("</g>");
        var d = new StringBuilder();
        foreach (var (lon, lat) in points)
        {
            d.Append('M').Append(N(X(lon))).Append(' ').Append(N(Y(lat))).Append("h0");
        }
        var dot = points.Count > 2000 ? 3 : points.Count > 200 ? 5 : 8;
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"points\" d=\"{d}\" stroke=\"#a4161a\" stroke-opacity=\"0.75\" stroke-width=\"{dot}\" stroke-linecap=\"round\" fill=\"none\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
