namespace DeepImaging.Interactive.Tests.Exercises;

/// <summary>A wrong answer students give to an exercise, and the hint written for the mistake behind it.</summary>
internal sealed record Mistake(double Answer, string Hint);
