namespace WideEvents.Web.Data;

/// <summary>A field's score and the values whose shares differ most.</summary>
internal sealed record FieldDifference(string Field, double Score, IReadOnlyList<ValueShare> Values);
