namespace WideEvents.Web.Data;

/// <summary>
/// A field's difference between the selection and the rest: <see cref="Distance"/> is the total
/// variation distance of the two value distributions (0: spread alike, 1: no value in common);
/// <see cref="Score"/> is that distance weighed by how much the selection can show:
/// <c>Distance × n / (n + Difference.PriorEntities)</c> for n selected entities, so one entity
/// with an unusual value scores at most 1/6, not 1.
/// </summary>
internal sealed record FieldDifference(string Field, double Score, double Distance, IReadOnlyList<ValueShare> Values);
