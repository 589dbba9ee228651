namespace WideEvents.Web.Data;

/// <summary>A value of one level's key, with how many records have it (below its parents), its first <see cref="Hierarchy.MaxChildren"/> children and how many more there are.</summary>
internal sealed record HierarchyNode(string Key, string Value, int Records, IReadOnlyList<HierarchyNode> Children, int Hidden);
