using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("EdgeCascade.Simulation.Tests")]
