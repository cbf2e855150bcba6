using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("EdgeCascade.Runtime.Tests")]
