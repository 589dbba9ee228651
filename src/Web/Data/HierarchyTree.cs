namespace WideEvents.Web.Data;

/// <summary>One tree: its keys from the top, its top-level nodes, and how many more top-level values there are.</summary>
internal sealed record HierarchyTree(string Name, IReadOnlyList<string> Keys, IReadOnlyList<HierarchyNode> Nodes, int Hidden);
