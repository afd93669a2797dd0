using System.Globalization;
using DeepImaging.Training;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Html = DeepImaging.Interactive.Formatters.Html;

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
        display = KernelInvocationContext.Current?.Display(Render(0, null).ToHtmlContent(), "text/html");
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
        display?.Update(Render(value.Epoch, value).ToHtmlContent());
    }

    private string Render(int epoch, EpochResult? result)
    {
        double fraction = Math.Clamp(epoch / (double)totalEpochs, 0, 1);
        string details = result is null ? "starting…" : result.ToString();
        // The bar fills as the epochs pass; its width is the one value computed per update.
        return Html.Document(
            $"<div class=\"di-title\">{Html.Escape(title)} <span class=\"di-position\">epoch {epoch}/{totalEpochs}</span></div>" +
            string.Create(CultureInfo.InvariantCulture, $"<div class=\"di-track\"><div class=\"di-fill\" style=\"width:{fraction * 100:0.#}%\"></div></div>") +
            Html.Caption(details));
    }
}
