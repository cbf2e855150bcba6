using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("EdgeCascade.Experiments.Tests")]
