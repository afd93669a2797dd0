using System.Text;

namespace DeepImaging.Interactive.Magics;

/// <summary>Writes a magic's <c>-h</c> text from its declaration: usage lines, description, one line per parameter, examples.</summary>
internal static class MagicHelp
{
    // Descriptions wrap at this width, continuing under the description column.
    private const int Width = 110;

    /// <summary>The help text of <paramref name="magic"/>.</summary>
    public static string Text(Magic magic)
    {
        var text = new StringBuilder();
        // The bare-value form and the options form are alternatives: one usage line each.
        if (magic.Positional is { } positional)
            text.AppendLine($"{magic.Name} {positional.Name}");
        text.AppendLine(string.Join(" ", magic.Parameters.Select(p => p.Usage).Prepend(magic.Name))).AppendLine();
        text.AppendLine(magic.Description.Trim()).AppendLine();

        List<(string Name, string Description)> listed = [.. magic.Parameters.Select(p => (p.Name, p.Description)), ("-h, --help", "show this help")];
        if (magic.Positional is { } bare)
            listed.Insert(0, (bare.Name, bare.Description));
        int column = listed.Max(p => p.Name.Length) + 4;
        foreach (var (name, description) in listed)
            text.Append(Wrapped("  " + name.PadRight(column - 2), description, column));

        text.AppendLine().AppendLine(magic.Examples.Count == 1 ? "Example:" : "Examples:");
        foreach (var example in magic.Examples)
            text.AppendLine("  " + example);
        return text.ToString().TrimEnd();
    }

    // The description after its label, words wrapped at Width and indented to the column.
    private static string Wrapped(string label, string description, int column)
    {
        var text = new StringBuilder();
        var line = new StringBuilder(label);
        foreach (var word in description.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > column && line.Length + 1 + word.Length > Width)
            {
                text.AppendLine(line.ToString());
                line.Clear().Append(' ', column);
            }
            if (line.Length > column) line.Append(' ');
            line.Append(word);
        }
        return text.AppendLine(line.ToString()).ToString();
    }
}
