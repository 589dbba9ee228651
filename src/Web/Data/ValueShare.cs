namespace WideEvents.Web.Data;

/// <summary>One value's share of the selection's and of the rest's value occurrences.</summary>
internal sealed record ValueShare(string Value, double Selected, double Rest);
