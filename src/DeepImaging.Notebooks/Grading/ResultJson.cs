using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeepImaging.Notebooks.Grading;

/// <summary>
/// result.json, in the schema of docs/grading.md:
/// <c>{"submission", "total", "max", "status", "tampered": [names], "tests": [{"name", "points", "max_points", "passed",
/// "hidden", "tampered", "message", "seconds"}], "cells": [{"cell", "status", "message"}]}</c>, numbers as JSON numbers.
/// </summary>
internal static class ResultJson
{
    /// <summary>The grade as result.json text.</summary>
    public static string Write(SubmissionGrade grade)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("submission", grade.Submission);
            json.WriteNumber("total", grade.Total);
            json.WriteNumber("max", grade.Max);
            json.WriteString("status", grade.Status);
            json.WriteStartArray("tampered");
            foreach (var test in grade.Tests.Where(t => t.Tampered))
                json.WriteStringValue(test.Name);
            json.WriteEndArray();
            WriteObjects(json, "tests", grade.Tests, test =>
            {
                json.WriteString("name", test.Name);
                json.WriteNumber("points", test.Points);
                json.WriteNumber("max_points", test.MaxPoints);
                json.WriteBoolean("passed", test.Passed);
                json.WriteBoolean("hidden", test.Hidden);
                json.WriteBoolean("tampered", test.Tampered);
                json.WriteString("message", test.Message);
                json.WriteNumber("seconds", test.Seconds);
            });
            WriteObjects(json, "cells", grade.Cells, cell =>
            {
                json.WriteNumber("cell", cell.Cell);
                json.WriteString("status", cell.Status);
                json.WriteString("message", cell.Message);
            });
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    // An array of objects, one per item, whose fields writeFields writes.
    private static void WriteObjects<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<T> writeFields)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeFields(item);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
