using System.Runtime.CompilerServices;

// The web UI draws the same server-side SVG charts as the HTML report; the tests check them.
[assembly: InternalsVisibleTo("WideEvents.Visuals.Tests")]
