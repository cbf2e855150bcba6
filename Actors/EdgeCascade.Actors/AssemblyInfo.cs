using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("EdgeCascade.Actors.Tests")]
