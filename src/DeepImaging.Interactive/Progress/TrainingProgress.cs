using DeepImaging.Training;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepImaging.Interactive.Progress;

/// <summary>
/// A live progress bar for <see cref="Trainer"/>: pass it as the trainer's <c>Progress</c> and the cell shows the epoch,
/// the losses and a bar that fills as training goes, updated in place after every epoch.
/// </summary>
public sealed class TrainingProgress : IProgress<EpochResult>
{
    private readonly string title;
    private readonly int totalEpochs;
    private readonly DisplayedValue? display;

    private TrainingProgress(string title, int totalEpochs)
    {
        if (totalEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(totalEpochs), $"TrainingProgress: totalEpochs must be >= 1, got {totalEpochs}.");
        this.title = title;
        this.totalEpochs = totalEpochs;
        // Outside a notebook cell (a plain program, a test) there is nothing to display into: the reports are still counted.
        display = KernelInvocationContext.Current?.Display(Html(0, null).ToHtmlContent(), "text/html");
    }

    /// <summary>Shows an empty bar in the current cell and returns the reporter to hand to the trainer.</summary>
    public static TrainingProgress Start(string title, int totalEpochs) => new(title, totalEpochs);

    /// <summary>The last epoch reported, or null before the first.</summary>
    public EpochResult? Last { get; private set; }

    /// <summary>Called by the trainer after each epoch.</summary>
    public void Report(EpochResult value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Last = value;
        // An IHtmlContent is written as it is; a plain string would be shown escaped, as text.
        display?.Update(Html(value.Epoch, value).ToHtmlContent());
    }

    private string Html(int epoch, EpochResult? result)
    {
        double fraction = Math.Clamp(epoch / (double)totalEpochs, 0, 1);
        string details = result is null ? "starting…" : System.Net.WebUtility.HtmlEncode(result.ToString());
        return $"<div style=\"font-family:system-ui,sans-serif;font-size:13px;margin:4px 0\"><b>{System.Net.WebUtility.HtmlEncode(title)}</b> " +
               $"epoch {epoch}/{totalEpochs}<div style=\"width:320px;height:10px;border:1px solid rgba(128,128,128,.4);border-radius:3px;margin:4px 0\">" +
               $"<div style=\"width:{fraction * 100:0.#}%;height:100%;background:#3b82f6;border-radius:2px\"></div></div>" +
               $"<div style=\"font-size:11px;opacity:.8\">{details}</div></div>";
    }
}
