namespace WideEvents.Web.Data;

/// <summary>One value: its share of the selection's and of the rest's value occurrences, and how many entities of each have it.</summary>
internal sealed record ValueShare(string Value, double Selected, double Rest, int SelectedEntities, int RestEntities);
