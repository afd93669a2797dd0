using System.Xml.Linq;

namespace DeepImaging.Interactive.Tests.Formatters;

/// <summary>The formatters write well-formed XHTML, so their output parses as XML and can be queried.</summary>
internal static class HtmlParsing
{
    public static XElement Parse(string html) => XElement.Parse(html);

    public static IEnumerable<XElement> WithClass(this XElement root, string element, string cssClass) =>
        root.Descendants(element).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public static bool HasClass(this XElement e, string cssClass) => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true;

    /// <summary>The rows of a table as lists of its td elements (header th cells left out).</summary>
    public static List<List<XElement>> Rows(this XElement table) =>
        table.Elements("tr").Select(tr => tr.Elements("td").ToList()).Where(r => r.Count > 0).ToList();

    /// <summary>A cell's own text, without the text of child elements such as a kernel-weight subscript.</summary>
    public static string OwnText(this XElement cell) => string.Concat(cell.Nodes().OfType<XText>().Select(t => t.Value));
}
