using System.Text.Json.Nodes;

namespace DeepImaging.Notebooks.Grading;

/// <summary>Cell outputs as nbformat 4 stores them.</summary>
internal static class IpynbOutputs
{
    /// <summary>One output as nbformat JSON.</summary>
    public static JsonNode ToJson(CellOutput output, int executionCount) => output.Kind switch
    {
        OutputKind.StandardOutput or OutputKind.StandardError => new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = output.Kind == OutputKind.StandardOutput ? "stdout" : "stderr",
            ["text"] = output.Text,
        },
        OutputKind.Error => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = output.ErrorName,
            ["evalue"] = output.ErrorValue,
            ["traceback"] = new JsonArray(output.Traceback.Select(line => (JsonNode)JsonValue.Create(line)!).ToArray()),
        },
        OutputKind.Result => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["data"] = Bundle(output),
            ["execution_count"] = executionCount,
            ["metadata"] = new JsonObject(),
        },
        _ => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = Bundle(output),
            ["metadata"] = new JsonObject(),
        },
    };

    /// <summary>A plain-text display output.</summary>
    public static JsonNode Text(string text) => new JsonObject
    {
        ["output_type"] = "display_data",
        ["data"] = new JsonObject { ["text/plain"] = text },
        ["metadata"] = new JsonObject(),
    };

    private static JsonObject Bundle(CellOutput output)
    {
        var data = new JsonObject();
        foreach (var (mimeType, content) in output.Data)
            data[mimeType] = content;
        return data;
    }
}
